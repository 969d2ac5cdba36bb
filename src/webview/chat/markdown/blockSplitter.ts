/**
 * Splits a streamed markdown answer into top-level blocks as it arrives, so a renderer can render each
 * finished block once and re-render only the unfinished tail.
 *
 * A block ends at a blank line outside fenced code when the next line starts a new top-level construct
 * (no indentation; not a list item continuing a list of the current block), and right after the
 * closing fence of a block that is a fenced code block. CommonMark never joins what is on either side
 * of such a boundary, so rendering the blocks one by one gives the same HTML as rendering the whole
 * answer, with one exception: link reference definitions (`[x]: url`) only apply to later blocks.
 *
 * Pure and DOM-free. The work per `push` is proportional to the new text: only the new lines are
 * scanned, and the answer so far is never rebuilt into one string (V8 would copy it on every scan).
 */

export interface SplitResult {
	/** Blocks finished by this push, in order (each rendered once, never touched again). */
	completed: string[];
}

interface OpenFence {
	char: '`' | '~';
	length: number;
	indent: number;
}

const fenceOpen = /^([ \t]*)(`{3,}|~{3,})(.*)$/;
const fenceClose = /^([ \t]*)(`{3,}|~{3,})[ \t]*$/;
const listItem = /^ {0,3}(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)/;

export class BlockSplitter {
	/** Text before the current block, exactly as received (finished blocks and the blank lines around them). */
	private readonly before: string[] = [];
	private beforeLength = 0;
	/** The current block's complete lines, newlines included. */
	private block = '';
	/** Received text after the last newline. */
	private partial = '';
	/** Offset in `block` of the blank lines after its last non-blank line, or -1. */
	private blankRunStart = -1;
	private fence: OpenFence | undefined;
	private blockHasContent = false;
	private blockHasListItem = false;
	/** The block opened with a fence at indentation 0-3: it is finished when that fence closes. */
	private blockIsFence = false;

	/** Everything pushed so far (joined on demand: callers that only need the length use `length`). */
	get fullText(): string {
		return this.before.join('') + this.block + this.partial;
	}

	get length(): number {
		return this.beforeLength + this.block.length + this.partial.length;
	}

	/** The unfinished block, as received so far (may end mid-line). */
	get tail(): string {
		return this.block + this.partial;
	}

	/** The tail is a fenced code block that is still open (renderers may stream it as plain text). */
	get tailIsOpenFence(): boolean {
		return this.blockIsFence && this.fence !== undefined;
	}

	push(chunk: string): SplitResult {
		const completed: string[] = [];
		const text = this.partial + chunk;
		let start = 0;
		for (let end = text.indexOf('\n', start); end >= 0; end = text.indexOf('\n', start)) {
			this.scanLine(text.slice(start, end), '\n', completed);
			start = end + 1;
		}
		this.partial = start === 0 ? text : text.slice(start);
		return { completed };
	}

	/** The stream ended: the tail (without trailing blank lines) is the last block. */
	finish(): SplitResult {
		const completed: string[] = [];
		if (this.partial !== '') {
			// The last line has no newline: scan it like any other.
			const line = this.partial;
			this.partial = '';
			this.scanLine(line, '', completed);
		}
		const end = this.blankRunStart >= 0 ? this.blankRunStart : this.block.length;
		const last = this.block.slice(0, end);
		if (last.trim() !== '') {
			completed.push(last);
		}
		this.keep(this.block);
		this.block = '';
		this.resetBlock();
		return { completed };
	}

	private scanLine(line: string, newline: string, completed: string[]): void {
		if (this.fence !== undefined) {
			this.block += line + newline;
			if (isClosingFence(line, this.fence)) {
				this.fence = undefined;
				if (this.blockIsFence) {
					this.commit(this.block.length, completed);
				}
			}
			return;
		}
		if (line.trim() === '') {
			if (!this.blockHasContent) {
				this.keep(line + newline); // leading blank lines belong to no block
				return;
			}
			if (this.blankRunStart < 0) {
				this.blankRunStart = this.block.length;
			}
			this.block += line + newline;
			return;
		}
		const isListItem = listItem.test(line);
		if (this.blankRunStart >= 0 && startsTopLevel(line) && !(isListItem && this.blockHasListItem)) {
			this.commit(this.blankRunStart, completed);
		}
		this.blankRunStart = -1;
		const opener = fenceOpen.exec(line);
		if (opener && !(opener[2][0] === '`' && opener[3].includes('`'))) {
			const indent = opener[1].length;
			this.fence = { char: opener[2][0] === '`' ? '`' : '~', length: opener[2].length, indent };
			if (!this.blockHasContent && indent <= 3) {
				this.blockIsFence = true;
			}
		}
		this.block += line + newline;
		this.blockHasContent = true;
		this.blockHasListItem ||= isListItem;
	}

	/** Ends the current block at `end` (its trailing blank lines excluded); the next block starts empty. */
	private commit(end: number, completed: string[]): void {
		const block = this.block.slice(0, end);
		if (block.trim() !== '') {
			completed.push(block);
		}
		this.keep(this.block);
		this.block = '';
		this.resetBlock();
	}

	private keep(text: string): void {
		if (text !== '') {
			this.before.push(text);
			this.beforeLength += text.length;
		}
	}

	private resetBlock(): void {
		this.blankRunStart = -1;
		this.fence = undefined;
		this.blockHasContent = false;
		this.blockHasListItem = false;
		this.blockIsFence = false;
	}
}

/** No indentation at all: whatever it is, it cannot continue a list item or an indented code block. */
function startsTopLevel(line: string): boolean {
	return line[0] !== ' ' && line[0] !== '\t';
}

function isClosingFence(line: string, fence: OpenFence): boolean {
	const match = fenceClose.exec(line);
	return match !== null && match[2][0] === fence.char && match[2].length >= fence.length && match[1].length <= fence.indent + 3;
}
