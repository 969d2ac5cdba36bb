/** The smallest single replacement that turns `before` into `after` (pure): offsets in `before` and the new text. */
export interface Replacement {
	readonly start: number;
	readonly end: number;
	readonly text: string;
}

export function minimalReplacement(before: string, after: string): Replacement {
	const limit = Math.min(before.length, after.length);
	let start = 0;
	while (start < limit && before.charCodeAt(start) === after.charCodeAt(start)) {
		start++;
	}
	let tail = 0;
	while (tail < limit - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) {
		tail++;
	}
	// Never split a surrogate pair.
	if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) {
		start--;
	}
	if (tail > 0 && isLowSurrogate(before.charCodeAt(before.length - tail))) {
		tail--;
	}
	return { start, end: before.length - tail, text: after.slice(start, after.length - tail) };
}

function isHighSurrogate(code: number): boolean {
	return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
	return code >= 0xdc00 && code <= 0xdfff;
}

/** `text` with the span [start, end) replaced by `replacement`. */
export function spliceText(text: string, start: number, end: number, replacement: string): string {
	return text.slice(0, start) + replacement + text.slice(end);
}

/** The replacement keeps the file's line ending style (a model answers with `\n`). */
export function withEol(text: string, eol: '\n' | '\r\n'): string {
	return eol === '\n' ? text.replace(/\r\n/g, '\n') : text.replace(/\r?\n/g, '\r\n');
}
