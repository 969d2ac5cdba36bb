import type { ChatStrings } from '../../../shared/chatProtocol';
import { codeWrapButton } from '../codeWrap';
import { h, icon } from '../dom';
import { canonicalLanguage, highlightWithState } from './highlight';
import { IncrementalHighlighter } from './incrementalHighlight';
import { sanitizeToFragment } from './sanitize';

/**
 * A fenced code block that is still streaming, coloured as it arrives with the same highlighter and
 * classes as the finished block (see IncrementalHighlighter), so nothing changes colour when it ends.
 */
export class StreamingCodeBlock {
	readonly element: HTMLElement;
	private readonly live = h('span');
	private readonly highlighter: IncrementalHighlighter | undefined;

	constructor(fenceLanguage: string, strings: ChatStrings) {
		this.highlighter = canonicalLanguage(fenceLanguage) === undefined ? undefined
			: new IncrementalHighlighter(code => highlightWithState(code, fenceLanguage) ?? { html: '', topLevel: true });
		const code = h('code', fenceLanguage === '' ? {} : { class: `language-${fenceLanguage}` }, this.live);
		this.element = h('div', { class: 'code-block streaming' },
			h('div', { class: 'code-header' },
				h('span', { class: 'code-language', text: fenceLanguage || strings.codeBlock }),
				h('span', { class: 'code-actions' }, icon('loading codicon-modifier-spin'), codeWrapButton(strings))),
			h('pre', {}, code));
	}

	append(text: string): void {
		if (text === '') {
			return;
		}
		if (this.highlighter === undefined) {
			this.live.append(text); // a language the chat does not colour: plain text, as when finished
			return;
		}
		const { frozen, live } = this.highlighter.push(text);
		for (const html of frozen) {
			this.live.before(sanitizeToFragment(html));
		}
		this.live.replaceChildren(...(live === '' ? [] : [sanitizeToFragment(live)]));
	}
}
