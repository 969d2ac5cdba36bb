/** An `@query` being typed in the message box: where it starts (the `@`) and what follows it up to the caret. */
export interface AtQuery {
	/** Index of the `@`. */
	start: number;
	/** Index just after the query (the caret). */
	end: number;
	query: string;
}

/** A query longer than this is not a mention any more (and is never sent to the host). */
export const maxAtQueryChars = 100;

/**
 * The `@query` the caret is in, if any: an `@` at the start of the text or after whitespace, followed by
 * non-whitespace up to the caret (`see @chatS|` → `chatS`). An `@` inside a word (`me@example.com`) is not one.
 */
export function atQueryAt(text: string, caret: number): AtQuery | undefined {
	if (caret < 1 || caret > text.length) {
		return undefined;
	}
	const from = Math.max(0, caret - maxAtQueryChars - 1);
	for (let i = caret - 1; i >= from; i--) {
		const char = text[i];
		if (char === '@') {
			if (i > 0 && !/\s/.test(text[i - 1])) {
				return undefined;
			}
			return { start: i, end: caret, query: text.slice(i + 1, caret) };
		}
		if (/\s/.test(char)) {
			return undefined;
		}
	}
	return undefined;
}

/** The text with the `@query` taken out (and the caret where it was). */
export function removeAtQuery(text: string, at: AtQuery): { text: string; caret: number } {
	return { text: text.slice(0, at.start) + text.slice(at.end), caret: at.start };
}
