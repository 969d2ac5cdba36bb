/**
 * Where an Apply from the chat goes (pure, no `vscode`): a path named by the code block, else the
 * selection or file attached to the question, else the editor last used, else the user is asked.
 */

import type { ApplyRequest, AttachmentSource } from '../platform/applyRequest';
import { fencedBlocks } from './fences';

export type ApplyTarget =
	/** A path named by the block, relative to the workspace (normalised, inside it). */
	| { kind: 'path'; path: string; code: string }
	| { kind: 'attached'; source: AttachmentSource; selectionText?: string; code: string }
	| { kind: 'editor'; uri: string; code: string }
	| { kind: 'ask'; code: string }
	/** The block names a path that leaves the workspace or is not a path at all. */
	| { kind: 'refused'; path: string };

const maxPathChars = 500;
/** Quotes or backticks around a path. */
const quotes = new RegExp('^[\'"\x60]+|[\'"\x60]+$', 'g');
/** `// file: src/a.ts`, `# file: a.py`, `-- file: q.sql`, `<!-- file: a.html -->`, and the same in a CSS comment. */
const fileLine = /^\s*(?:\/\/|#|--|<!--|\/\*)\s*(?:file(?:name)?|path)\s*:\s*(.+?)\s*(?:-->|\*\/)?\s*$/i;

export function resolveApplyTarget(request: ApplyRequest): ApplyTarget {
	const named = namedPath(fenceInfo(request.answer, request.code), request.code);
	if (named !== undefined) {
		const path = safeRelativePath(named.raw);
		return path === undefined ? { kind: 'refused', path: named.raw } : { kind: 'path', path, code: named.code };
	}
	const attached = request.attached[0];
	if (attached !== undefined) {
		return {
			kind: 'attached',
			source: { uri: attached.uri, ...(attached.range ? { range: attached.range } : {}) },
			...(attached.range ? { selectionText: attached.text } : {}),
			code: request.code,
		};
	}
	if (request.lastEditor !== undefined) {
		return { kind: 'editor', uri: request.lastEditor, code: request.code };
	}
	return { kind: 'ask', code: request.code };
}

/** A path in the fence's info string (after the language) or on the block's first line; the code without that line. */
export function namedPath(info: string, code: string): { raw: string; code: string } | undefined {
	const words = info.trim().split(/\s+/).filter(word => word !== '');
	for (const [index, word] of words.entries()) {
		const value = word.replace(/^(?:file|path|filename|title)=/i, '').replace(quotes, '');
		const looksLikePath = index === 0 ? value.includes('/') : /[./]/.test(value) && !value.startsWith('{');
		if (looksLikePath && value !== '') {
			return { raw: value, code };
		}
	}
	const newline = code.indexOf('\n');
	const first = newline === -1 ? code : code.slice(0, newline);
	const match = fileLine.exec(first);
	if (match?.[1] !== undefined) {
		return { raw: match[1].replace(quotes, ''), code: newline === -1 ? '' : code.slice(newline + 1) };
	}
	return undefined;
}

/**
 * The path as segments below the workspace root joined with `/`, or undefined when it is absolute,
 * leaves the workspace, names a scheme, holds control characters or is empty.
 */
export function safeRelativePath(raw: string): string | undefined {
	const path = raw.trim().replace(/\\/g, '/');
	if (path === '' || path.length > maxPathChars || hasControlCharacter(path)
		|| path.startsWith('/') || path.startsWith('~') || /^[a-z][a-z0-9+.-]*:/i.test(path)) {
		return undefined;
	}
	const segments: string[] = [];
	for (const segment of path.split('/')) {
		if (segment === '' || segment === '.') {
			continue;
		}
		if (segment === '..') {
			if (segments.pop() === undefined) {
				return undefined;
			}
			continue;
		}
		segments.push(segment);
	}
	return segments.length === 0 ? undefined : segments.join('/');
}

function hasControlCharacter(text: string): boolean {
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code < 0x20 || code === 0x7f) {
			return true;
		}
	}
	return false;
}

/**
 * The info string of the fenced block in `markdown` whose content is `code` ('' when none is found:
 * the webview shows exactly the fence's content, so a match is the block that was pressed).
 */
export function fenceInfo(markdown: string, code: string): string {
	const wanted = code.replace(/\n$/, '');
	return fencedBlocks(markdown).find(block => block.body === wanted)?.info ?? '';
}
