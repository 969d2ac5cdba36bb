/**
 * Makes model-written Markdown inert for the Markdown preview, which loads remote images and renders
 * some raw HTML: an answer (steered by text in the image) must not make the preview fetch anything.
 * Outside code, `![alt](url)` becomes `\![alt](url)` (a `!` then a link: shown, never loaded) and every
 * `<` is written as `&lt;`, so no raw HTML (`<img>`, `<video>`, `<picture>`, `<svg>`…) survives. Code blocks
 * and code spans are left as they are: the preview never loads anything from them. No `vscode`.
 */
export function inertMarkdown(markdown: string): string {
	const lines = markdown.split('\n');
	let fence: { char: string; length: number } | undefined;
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i];
		const opener = /^ {0,3}(`{3,}|~{3,})/.exec(line);
		if (fence !== undefined) {
			if (opener !== null && opener[1][0] === fence.char && opener[1].length >= fence.length && line.slice(opener[0].length).trim() === '') {
				fence = undefined;
			}
			continue;
		}
		if (opener !== null && !(opener[1][0] === '`' && line.slice(opener[0].length).includes('`'))) {
			fence = { char: opener[1][0], length: opener[1].length };
			continue;
		}
		lines[i] = outsideCodeSpans(line, inertText);
	}
	return lines.join('\n');
}

/** `\!` keeps the `!` visible and turns the image into a plain link; `&lt;` opens no tag. */
function inertText(text: string): string {
	return text.replace(/!\[/g, '\\![').replace(/</g, '&lt;');
}

/** Applies `transform` to the parts of one line that are not inside a code span. */
function outsideCodeSpans(line: string, transform: (text: string) => string): string {
	let result = '';
	let rest = line;
	for (;;) {
		const open = /`+/.exec(rest);
		if (open === null) {
			return result + transform(rest);
		}
		const ticks = open[0];
		const afterOpen = open.index + ticks.length;
		const close = findRun(rest, ticks.length, afterOpen);
		if (close < 0) {
			// An unmatched run is literal backticks, not code.
			result += transform(rest.slice(0, afterOpen));
			rest = rest.slice(afterOpen);
			continue;
		}
		result += transform(rest.slice(0, open.index)) + rest.slice(open.index, close + ticks.length);
		rest = rest.slice(close + ticks.length);
	}
}

/** The index of the next run of exactly `length` backticks at or after `from`, or -1. */
function findRun(text: string, length: number, from: number): number {
	const runs = /`+/g;
	runs.lastIndex = from;
	for (let run = runs.exec(text); run !== null; run = runs.exec(text)) {
		if (run[0].length === length) {
			return run.index;
		}
	}
	return -1;
}
