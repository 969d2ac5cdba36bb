import type { ChatStrings } from '../../../shared/chatProtocol';
import { codeWrapButton } from '../codeWrap';
import { h, iconButton } from '../dom';

export type CodeAction = 'copyCode' | 'insertCode' | 'openCode' | 'applyCode';

/** The fence language markdown-it put on `<code class="language-…">`, or ''. */
export function codeLanguage(code: Element): string {
	for (const name of code.classList) {
		if (name.startsWith('language-')) {
			return name.slice('language-'.length);
		}
	}
	return '';
}

/** Gives every finished code block a header with its language and Copy / Insert / Open / Apply buttons. */
export function decorateCodeBlocks(root: ParentNode, strings: ChatStrings): void {
	for (const pre of Array.from(root.querySelectorAll('pre'))) {
		const code = pre.querySelector('code');
		if (code === null || pre.parentElement?.classList.contains('code-block')) {
			continue;
		}
		const language = codeLanguage(code);
		const button = (action: CodeAction, iconName: string, label: string): HTMLButtonElement => {
			const element = iconButton(iconName, label);
			element.dataset.action = action;
			return element;
		};
		const header = h('div', { class: 'code-header' },
			h('span', { class: 'code-language', text: language || strings.codeBlock }),
			h('span', { class: 'code-actions' },
				codeWrapButton(strings),
				button('copyCode', 'copy', strings.copy),
				button('insertCode', 'insert', strings.insertAtCursor),
				button('openCode', 'go-to-file', strings.openInEditor),
				button('applyCode', 'diff', strings.apply)));
		const block = h('div', { class: 'code-block' });
		pre.replaceWith(block);
		block.append(header, pre);
	}
}

/** The code block a code action button belongs to: its text and language. */
export function codeOfButton(button: Element): { code: string; language: string } | undefined {
	const code = button.closest('.code-block')?.querySelector('pre > code');
	return code ? { code: code.textContent ?? '', language: codeLanguage(code) } : undefined;
}
