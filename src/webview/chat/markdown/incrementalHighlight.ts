/** Highlighted HTML of `code`, and whether the highlighter ends at the language's top level (see highlight.ts). */
export type StatefulHighlight = (code: string) => { html: string; topLevel: boolean };

/**
 * Past this many characters without returning to the language's top level (a long comment or string),
 * the open part is frozen as it is coloured: the work per chunk stays bounded, at the price of colours
 * that may change when the block finishes (only then, and only in that case).
 */
export const maxOpenChars = 4096;

/**
 * Colours code that arrives in pieces (a fence that is still streaming), with the same HTML that
 * colouring the whole would give. Complete lines are highlighted together with the lines before them
 * back to the last point where the highlighter was at the language's top level; HTML up to such a point
 * is handed out once as `frozen` and never recomputed. Each push re-highlights only the open part (usually
 * the current line), so the cost per push does not grow with the code. Pure (no DOM, no highlighter of its own).
 */
export class IncrementalHighlighter {
	/** Complete lines after the last frozen point. */
	private open = '';
	/** Text after the last newline. */
	private partial = '';

	constructor(private readonly highlight: StatefulHighlight) {}

	/** `frozen`: HTML to append for good; `live`: HTML of the rest, replacing the previous `live`. */
	push(text: string): { frozen: string[]; live: string } {
		const frozen: string[] = [];
		const combined = this.partial + text;
		const lastNewline = combined.lastIndexOf('\n');
		if (lastNewline >= 0) {
			this.open += combined.slice(0, lastNewline + 1);
			this.partial = combined.slice(lastNewline + 1);
			const lines = this.highlight(this.open);
			if (lines.topLevel || this.open.length > maxOpenChars) {
				frozen.push(lines.html);
				this.open = '';
			}
		} else {
			this.partial = combined;
		}
		if (this.open.length + this.partial.length > maxOpenChars) {
			frozen.push(this.highlight(this.open + this.partial).html);
			this.open = '';
			this.partial = '';
		}
		const rest = this.open + this.partial;
		return { frozen, live: rest === '' ? '' : this.highlight(rest).html };
	}
}
