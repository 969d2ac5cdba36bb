/** How a code block changes its target (pure): as it is, or merged into the file by a model. */
export type ApplyMode = 'replaceSelection' | 'replaceFile' | 'merge';

/** Lines a model writes in place of code it left out (`// ... existing code ...`, `# ...`, a bare `...`). */
const elision = /^\s*(?:(?:\/\/|#|--|\/\*|<!--|\{\/\*)\s*)?(?:\.{3}|…)(?:.*\b(?:existing|unchanged|rest|same|other|omitted|previous)\b.*|\s*(?:\*\/|-->|\*\/\})?\s*)$/i;

export function hasElision(code: string): boolean {
	return code.split('\n').some(line => elision.test(line));
}

function lineCount(text: string): number {
	const trimmed = text.replace(/\n+$/, '');
	return trimmed === '' ? 0 : trimmed.split('\n').length;
}

/**
 * A block for an attached selection replaces the selection, unless it is as long as the whole file
 * (the model rewrote the file); a block for a whole file replaces it when it is about as long as the
 * file; a block that leaves code out (elision lines) or is much shorter than the file is a snippet
 * to merge.
 */
export function detectApplyMode(code: string, fileText: string, selectionText?: string): ApplyMode {
	const fileLines = lineCount(fileText);
	if (fileLines === 0) {
		return 'replaceFile';
	}
	if (hasElision(code)) {
		return 'merge';
	}
	const codeLines = lineCount(code);
	if (selectionText !== undefined) {
		const selectionLines = lineCount(selectionText);
		const wholeFile = fileLines > selectionLines && codeLines >= Math.max(selectionLines + 1, Math.ceil(fileLines * 0.8));
		return wholeFile ? 'replaceFile' : 'replaceSelection';
	}
	return fileLines <= 3 || codeLines >= Math.ceil(fileLines * 0.6) ? 'replaceFile' : 'merge';
}
