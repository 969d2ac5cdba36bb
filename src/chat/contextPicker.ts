import * as vscode from 'vscode';
import type { Logger } from '../platform/log';
import type { ContextSuggestion } from '../shared/chatProtocol';
import { type ContextLimits, contextLimits, formatBytes } from './contextLimits';
import { listWorkspaceFiles, openWorkspaceFiles, readWorkspaceFile, relativePathOf, type FileRefusal } from './contextFiles';
import { fuzzyScore, rankPaths } from './contextRanking';
import { type ContextAttachment, newId } from './conversation';
import { contextFromEditor, problemsText } from './editorContext';

/** Entries the `@` list shows at most. */
export const maxSuggestions = 20;
/** Entries of recent lists that can still be picked (the list on screen may be one answer behind the typing). */
const maxCandidates = 200;
/** A listing of the workspace serves the queries typed within this time (one open list), then is read again. */
const listingTtlMs = 10_000;

type Candidate = { kind: 'file'; uri: vscode.Uri; path: string } | { kind: 'selection' } | { kind: 'problems' };

/** What the `@` list needs: the editor the user last worked in, and a log. */
export interface ContextPickerDeps {
	readonly editors: { readonly current: vscode.TextEditor | undefined };
	readonly log: Logger;
	readonly limits?: ContextLimits;
}

/** What the user is told when an entry cannot be attached (inline in the composer). */
export type Refusal = { refused: string };

/**
 * The host side of the composer's `@` list: finds workspace files for a query (ranked by `rankPaths`;
 * a newer query supersedes an older one), `@selection` and `@problems`, and reads what is chosen. The
 * webview only ever names an entry of a recent list by its id: it cannot ask for any other file.
 */
export class ContextPicker implements vscode.Disposable {
	private listing: { files: Promise<vscode.Uri[]>; until: number } | undefined;
	private latest = 0;
	private readonly candidates = new Map<string, Candidate>();
	private readonly listingCancel = new vscode.CancellationTokenSource();
	private readonly limits: ContextLimits;

	constructor(private readonly deps: ContextPickerDeps) {
		this.limits = deps.limits ?? contextLimits;
	}

	/** The entries for `query`, or undefined when a newer query came in meanwhile. */
	async suggest(query: string): Promise<ContextSuggestion[] | undefined> {
		const ticket = ++this.latest;
		const q = query.trim();
		const files = await this.files();
		if (ticket !== this.latest) {
			return undefined;
		}
		const items: ContextSuggestion[] = [];
		const add = (candidate: Candidate, item: Omit<ContextSuggestion, 'id'>): void => {
			const id = newId();
			this.candidates.set(id, candidate);
			items.push({ id, ...item });
		};
		if (fuzzyScore(q, 'selection') !== undefined) {
			add({ kind: 'selection' }, { kind: 'selection', label: '@selection', detail: vscode.l10n.t('Selection in the active editor') });
		}
		if (fuzzyScore(q, 'problems') !== undefined) {
			add({ kind: 'problems' }, { kind: 'problems', label: '@problems', detail: vscode.l10n.t('Problems in the active file') });
		}
		const byPath = new Map(files.map(uri => [relativePathOf(uri), uri]));
		const open = openWorkspaceFiles().map(uri => {
			const path = relativePathOf(uri);
			byPath.set(path, uri);
			return path;
		});
		for (const { path } of rankPaths([...byPath.keys()], q, open, maxSuggestions)) {
			const slash = path.lastIndexOf('/');
			add({ kind: 'file', uri: byPath.get(path) as vscode.Uri, path }, { kind: 'file', label: path.slice(slash + 1), detail: slash === -1 ? '' : path.slice(0, slash) });
		}
		for (const id of this.candidates.keys()) {
			if (this.candidates.size <= maxCandidates) {
				break;
			}
			this.candidates.delete(id);
		}
		return items;
	}

	/** The attachment for an entry of a recent list, or why it cannot be attached. */
	async resolve(id: string): Promise<ContextAttachment | Refusal> {
		const candidate = this.candidates.get(id);
		if (candidate === undefined) {
			return { refused: vscode.l10n.t('That entry is no longer in the list. Type @ again.') };
		}
		if (candidate.kind === 'file') {
			return this.readFile(candidate.uri, candidate.path);
		}
		const editor = this.deps.editors.current;
		if (editor === undefined) {
			return { refused: vscode.l10n.t('Open a file in an editor first.') };
		}
		const path = relativePathOf(editor.document.uri);
		if (candidate.kind === 'selection') {
			return editor.selection.isEmpty
				? { refused: vscode.l10n.t('Nothing is selected in {0}.', path) }
				: contextFromEditor(editor);
		}
		const text = problemsText(editor.document.uri, path);
		if (text === undefined) {
			return { refused: vscode.l10n.t('{0} has no problems.', path) };
		}
		return { id: newId(), kind: 'problems', label: `problems: ${path}`, language: '', text, truncated: false };
	}

	/** Reads a workspace file as an attachment (the file need not be in the last list: the Explorer, tests). */
	async readFile(uri: vscode.Uri, path = relativePathOf(uri)): Promise<ContextAttachment | Refusal> {
		const read = await readWorkspaceFile(uri, this.limits.maxItemBytes);
		if ('refused' in read) {
			this.deps.log.info(`not attached: a file (${read.refused})`);
			return { refused: this.refusalText(read.refused, path) };
		}
		return { id: newId(), kind: 'file', label: path, language: read.language, text: read.text, truncated: false, source: { uri: uri.toString() } };
	}

	dispose(): void {
		this.listingCancel.cancel();
		this.listingCancel.dispose();
	}

	private async files(): Promise<vscode.Uri[]> {
		const now = Date.now();
		if (this.listing === undefined || this.listing.until < now) {
			const files = listWorkspaceFiles(this.listingCancel.token).then(
				found => found,
				(e: unknown) => {
					this.deps.log.warn(`could not list the workspace's files: ${e instanceof Error ? e.message : String(e)}`);
					return [];
				});
			this.listing = { files, until: now + listingTtlMs };
		} else {
			this.listing.until = now + listingTtlMs;
		}
		return this.listing.files;
	}

	private refusalText(reason: FileRefusal, path: string): string {
		switch (reason) {
			case 'outside':
				return vscode.l10n.t('Not attached: {0} is outside the workspace.', path);
			case 'link':
				return vscode.l10n.t('Not attached: {0} is a link, which may lead outside the workspace.', path);
			case 'notFile':
				return vscode.l10n.t('Not attached: {0} is not a file.', path);
			case 'tooLarge':
				return vscode.l10n.t('Not attached: {0} is larger than {1}.', path, formatBytes(this.limits.maxItemBytes));
			case 'binary':
				return vscode.l10n.t('Not attached: {0} is not a text file.', path);
			case 'unreadable':
				return vscode.l10n.t('Not attached: {0} could not be read.', path);
		}
	}
}
