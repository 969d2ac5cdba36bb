import type { ChatMessage } from '../api/types';
import { fencedBlocks } from './fences';

/** A fence longer than any run of backticks in the text, so the text cannot close it. */
export function fenceFor(text: string): string {
	let longest = 0;
	for (const run of text.match(/`+/g) ?? []) {
		longest = Math.max(longest, run.length);
	}
	return '`'.repeat(Math.max(3, longest + 1));
}

function block(text: string, language: string): string {
	const fence = fenceFor(text);
	return `${fence}${language}\n${text.replace(/\n$/, '')}\n${fence}`;
}

const mergeSystem = [
	'You merge a change into a file.',
	'You get the complete current text of the file and a snippet from a chat answer that changes part of it.',
	'Answer with the complete updated file and nothing else: one fenced code block, no explanation.',
	'Keep every line the snippet does not change exactly as it is, including comments, blank lines and indentation.',
	'Lines in the snippet such as "// ... existing code ..." stand for code of the file that stays unchanged.',
].join(' ');

/** The merge request for a partial snippet (one non-streamed chat call). */
export function mergeMessages(input: { path: string; language: string; file: string; snippet: string }): ChatMessage[] {
	return [
		{ role: 'system', content: mergeSystem },
		{
			role: 'user',
			content: `File: ${input.path}\n\nCurrent file:\n${block(input.file, input.language)}\n\nChange to merge into it:\n${block(input.snippet, input.language)}\n\nAnswer with the complete updated file.`,
		},
	];
}

const editSystem = [
	'You rewrite a piece of code as the user instructs.',
	'Answer with the rewritten code only: one fenced code block, no explanation before or after it.',
	'Keep the indentation of the original so the code fits where it came from.',
].join(' ');

/** The Edit Selection request: the instruction and the code to rewrite. */
export function editMessages(input: { path: string; language: string; code: string; instruction: string }): ChatMessage[] {
	return [
		{ role: 'system', content: editSystem },
		{ role: 'user', content: `File: ${input.path}\n\nInstruction: ${input.instruction}\n\nCode to rewrite:\n${block(input.code, input.language)}` },
	];
}

/**
 * The code in a model's answer: the longest fenced block's content, else the whole answer without
 * its outer blank lines.
 */
export function codeFromAnswer(answer: string): string {
	const blocks = fencedBlocks(answer).map(block => block.body);
	if (blocks.length === 0) {
		return answer.replace(/^\s*\n/, '').replace(/\s+$/, '');
	}
	return blocks.reduce((best, next) => (next.length > best.length ? next : best), blocks[0]);
}

/** Keeps the original's trailing newline (or its absence) on the rewritten code. */
export function matchTrailingNewline(original: string, code: string): string {
	const bare = code.replace(/\n+$/, '');
	return original.endsWith('\n') ? `${bare}\n` : bare;
}

/** The fast, cheap model to merge with when `aipass.apply.model` is empty: the first id that says so, else the fallback. */
export function pickFastModel(ids: readonly string[], fallback: string): string {
	for (const hint of ['nano', 'mini', 'flash', 'haiku', 'lite', 'small']) {
		const found = ids.find(id => id.toLowerCase().includes(hint));
		if (found !== undefined) {
			return found;
		}
	}
	return fallback;
}
