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
 * Pure and DOM-free; the work per `push` is proportional to the new text.
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
const listItem = /^ {0,3}(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)/;

export class BlockSplitter {
	private text = '';
	/** Where the current (unfinished) block starts in `text`. */
	private blockStart = 0;
	/** Where the first line not yet scanned starts. */
	private scanned = 0;
	/** Start of the run of blank lines after the block's last non-blank line, or -1. */
	private blankRunStart = -1;
	private fence: OpenFence | undefined;
	private blockHasContent = false;
	private blockHasListItem = false;
	/** The block opened with a fence at indentation 0-3: it is finished when that fence closes. */
	private blockIsFence = false;

	/** Everything pushed so far. */
	get fullText(): string {
		return this.text;
	}

	/** The unfinished block, as received so far (may end mid-line). */
	get tail(): string {
		return this.text.slice(this.blockStart);
	}

	/** The tail is a fenced code block that is still open (renderers may stream it as plain text). */
	get tailIsOpenFence(): boolean {
		return this.blockIsFence && this.fence !== undefined;
	}

	push(chunk: string): SplitResult {
		this.text += chunk;
		const completed: string[] = [];
		for (;;) {
			const end = this.text.indexOf('\n', this.scanned);
			if (end < 0) {
				break;
			}
			const lineStart = this.scanned;
			this.scanned = end + 1;
			this.scanLine(this.text.slice(lineStart, end), lineStart, completed);
		}
		return { completed };
	}

	/** The stream ended: the tail (without trailing blank lines) is the last block. */
	finish(): SplitResult {
		const completed: string[] = [];
		if (this.scanned < this.text.length) {
			// The last line has no newline: scan it like any other.
			const lineStart = this.scanned;
			this.scanned = this.text.length;
			this.scanLine(this.text.slice(lineStart), lineStart, completed);
		}
		const end = this.blankRunStart >= 0 ? this.blankRunStart : this.text.length;
		const last = this.text.slice(this.blockStart, end);
		if (last.trim() !== '') {
			completed.push(last);
		}
		this.blockStart = this.text.length;
		this.scanned = this.text.length;
		this.resetBlock();
		return { completed };
	}

	private scanLine(line: string, lineStart: number, completed: string[]): void {
		if (this.fence !== undefined) {
			if (isClosingFence(line, this.fence)) {
				this.fence = undefined;
				if (this.blockIsFence) {
					this.commit(this.scanned, completed);
				}
			}
			return;
		}
		if (line.trim() === '') {
			if (!this.blockHasContent) {
				this.blockStart = this.scanned; // leading blank lines belong to no block
			} else if (this.blankRunStart < 0) {
				this.blankRunStart = lineStart;
			}
			return;
		}
		const isListItem = listItem.test(line);
		if (this.blankRunStart >= 0 && startsTopLevel(line) && !(isListItem && this.blockHasListItem)) {
			this.commit(this.blankRunStart, completed);
			this.blockStart = lineStart;
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
		this.blockHasContent = true;
		this.blockHasListItem ||= isListItem;
	}

	/** Ends the current block at `end` (its trailing blank lines excluded) and starts the next one there. */
	private commit(end: number, completed: string[]): void {
		const block = this.text.slice(this.blockStart, end);
		if (block.trim() !== '') {
			completed.push(block);
		}
		this.blockStart = this.scanned;
		this.resetBlock();
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
	const match = /^([ \t]*)(`{3,}|~{3,})[ \t]*$/.exec(line);
	return match !== null && match[2][0] === fence.char && match[2].length >= fence.length && match[1].length <= fence.indent + 3;
}
