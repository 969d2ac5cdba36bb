export type JsonExtraction =
	| { found: true; value: Record<string, unknown>; source: 'fenced' | 'inline' }
	| { found: false; reason: 'empty' | 'noObject' | 'invalid'; detail?: string };

const FENCE = /```[ \t]*([A-Za-z0-9_-]*)[^\n]*\n([\s\S]*?)```/g;

/**
 * The JSON object in a model's answer: a fenced ```json block first (or any fenced block holding an
 * object), else the first balanced `{…}` in the text that parses. Braces inside JSON strings do not
 * count, so `{"note": "a } in text"}` comes out whole. Never invents an empty object.
 */
export function extractJsonObject(answer: string): JsonExtraction {
	if (answer.trim() === '') {
		return { found: false, reason: 'empty' };
	}
	let lastError: string | undefined;
	const fenced = [...answer.matchAll(FENCE)].sort((a, b) => Number(b[1].toLowerCase() === 'json') - Number(a[1].toLowerCase() === 'json'));
	for (const match of fenced) {
		const parsed = parseObjectIn(match[2]);
		if (parsed.ok) {
			return { found: true, value: parsed.value, source: 'fenced' };
		}
		lastError = parsed.error ?? lastError;
	}
	const inline = parseObjectIn(answer);
	if (inline.ok) {
		return { found: true, value: inline.value, source: 'inline' };
	}
	lastError = inline.error ?? lastError;
	return lastError === undefined ? { found: false, reason: 'noObject' } : { found: false, reason: 'invalid', detail: lastError };
}

type Parsed = { ok: true; value: Record<string, unknown> } | { ok: false; error?: string };

/** Tries each balanced `{…}` in turn, left to right, never one nested in a failed one; `error` is the first JSON.parse failure, if any. */
function parseObjectIn(text: string): Parsed {
	let error: string | undefined;
	for (let start = text.indexOf('{'); start !== -1; start = text.indexOf('{', start + 1)) {
		const end = balancedEnd(text, start);
		if (end === -1) {
			error ??= 'an object starts but never closes (the answer may be cut off)';
			continue;
		}
		try {
			const value: unknown = JSON.parse(text.slice(start, end + 1));
			if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
				return { ok: true, value: value as Record<string, unknown> };
			}
		} catch (e) {
			error ??= e instanceof Error ? e.message : String(e);
		}
		start = end; // Not an object: look after it, never inside it (a nested object is not the answer).
	}
	return { ok: false, ...(error === undefined ? {} : { error }) };
}

/** Index of the `}` closing the `{` at `start`, skipping braces inside double-quoted strings; -1 if none. */
export function balancedEnd(text: string, start: number): number {
	let depth = 0;
	let inString = false;
	for (let i = start; i < text.length; i++) {
		const ch = text[i];
		if (inString) {
			if (ch === '\\') {
				i++;
			} else if (ch === '"') {
				inString = false;
			}
			continue;
		}
		if (ch === '"') {
			inString = true;
		} else if (ch === '{') {
			depth++;
		} else if (ch === '}') {
			depth--;
			if (depth === 0) {
				return i;
			}
		}
	}
	return -1;
}
