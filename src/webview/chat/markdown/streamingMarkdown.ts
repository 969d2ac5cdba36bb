import type { ChatStrings } from '../../../shared/chatProtocol';
import { h } from '../dom';
import { BlockSplitter } from './blockSplitter';
import { decorateCodeBlocks } from './codeBlocks';
import { highlightCode } from './highlight';
import { createMarkdownRenderer } from './markdownRenderer';
import { sanitizeToFragment } from './sanitize';
import { StreamingCodeBlock } from './streamingCode';

const renderer = createMarkdownRenderer(highlightCode);
const fenceHead = /^(`{3,}|~{3,})([^\n]*)\n/;
const groupSize = 32;

/** Renders one finished block: markdown → HTML (highlighted) → DOMPurify → decorated DOM. */
export function renderBlock(markdown: string, strings: ChatStrings): HTMLElement {
	const element = h('div', { class: 'md-block' });
	element.append(sanitizeToFragment(renderer.render(markdown, { highlight: true })));
	decorateCodeBlocks(element, strings);
	return element;
}

/**
 * One answer's markdown, rendered incrementally: text is queued by `append` and rendered by `flush`
 * (once per animation frame). Finished blocks are rendered once and appended; only the unfinished
 * tail block is rendered again, and a tail that is an open code fence just has its new text appended.
 */
export class StreamingMarkdown {
	readonly element = h('div', { class: 'markdown' });
	private splitter = new BlockSplitter();
	private readonly tailElement = h('div', { class: 'md-block md-tail' });
	private queued = '';
	/** The tail is shown as a streaming code block. */
	private fenceTail: StreamingCodeBlock | undefined;
	private finished = false;
	private group: HTMLElement | undefined;

	constructor(private readonly strings: ChatStrings) {
		this.element.append(this.tailElement);
	}

	/** Markdown received so far (including text not rendered yet). */
	get text(): string {
		return this.splitter.fullText + this.queued;
	}

	/** Length of `text`, without building it. */
	get length(): number {
		return this.splitter.length + this.queued.length;
	}

	get isFinished(): boolean {
		return this.finished;
	}

	append(text: string): void {
		this.queued += text;
	}

	/** Renders what was queued; returns whether anything changed. */
	flush(): boolean {
		if (this.queued === '' || this.finished) {
			return false;
		}
		const appended = this.queued;
		const { completed } = this.splitter.push(appended);
		this.queued = '';
		this.appendBlocks(completed);
		this.renderTail(completed.length > 0, appended);
		return true;
	}

	/** The answer is complete: the tail becomes a finished block. */
	finish(): void {
		if (this.finished) {
			return;
		}
		this.flush();
		this.appendBlocks(this.splitter.finish().completed);
		this.tailElement.remove();
		this.fenceTail = undefined;
		this.finished = true;
	}

	/** Replaces everything with `text`, rendered as finished blocks. */
	reset(text: string, finished: boolean): void {
		this.element.replaceChildren(this.tailElement);
		this.tailElement.replaceChildren();
		this.splitter = new BlockSplitter();
		this.queued = text;
		this.fenceTail = undefined;
		this.group = undefined;
		this.finished = false;
		if (finished) {
			this.finish();
		} else {
			this.flush();
		}
	}

	/**
	 * Finished blocks go into groups of `groupSize`: layout walks a parent's children, so a long answer
	 * as one flat list of blocks would make every frame's layout grow with the answer. Full groups are
	 * also skipped for layout and paint while off screen (CSS content-visibility).
	 */
	private appendBlocks(blocks: string[]): void {
		for (const block of blocks) {
			if (this.group === undefined || this.group.childElementCount >= groupSize) {
				this.group?.classList.add('md-group-full');
				this.group = h('div', { class: 'md-group' });
				this.tailElement.before(this.group);
			}
			this.group.append(renderBlock(block, this.strings));
		}
	}

	private renderTail(newBlock: boolean, appended: string): void {
		if (this.splitter.tailIsOpenFence) {
			if (this.fenceTail !== undefined && !newBlock) {
				// Same open fence as last frame: its new text is exactly what was appended.
				this.fenceTail.append(appended);
				return;
			}
			const head = fenceHead.exec(this.splitter.tail);
			if (head !== null) {
				const language = head[2].trim().split(/\s+/)[0] ?? '';
				const block = new StreamingCodeBlock(language, this.strings);
				block.append(this.splitter.tail.slice(head[0].length));
				this.tailElement.replaceChildren(block.element);
				this.fenceTail = block;
				return;
			}
		}
		this.fenceTail = undefined;
		const tail = this.splitter.tail;
		if (tail.trim() === '') {
			this.tailElement.replaceChildren();
			return;
		}
		this.tailElement.replaceChildren(sanitizeToFragment(renderer.render(tail, { highlight: false })));
	}
}
