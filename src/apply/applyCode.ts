import * as vscode from 'vscode';
import type { ChatRequest } from '../api/types';
import type { ApplyRequest } from '../platform/applyRequest';
import type { SpendCheck } from '../platform/spendingPorts';
import type { Logger } from '../platform/log';
import { notificationText } from '../platform/notificationText';
import { detectApplyMode } from './applyMode';
import { type ApplyTarget, resolveApplyTarget } from './applyTarget';
import { codeFromAnswer, matchTrailingNewline, mergeMessages, pickFastModel } from './prompts';
import type { Proposals } from './proposals';
import { spliceText, withEol } from './textEdits';
import { pickWorkspaceFile } from './workspaceFiles';

/** What Apply needs: a chat call for merges, the model to use, the spend guard and the proposals. */
export interface ApplyDeps {
	readonly log: Logger;
	readonly proposals: Proposals;
	readonly guard?: SpendCheck;
	chat(request: ChatRequest, signal: AbortSignal): Promise<string>;
	/** `aipass.apply.model`, or a fast one from the catalog. */
	mergeModel(): Promise<string>;
}

/** Turns a chat code block into a proposal in the diff editor (nothing changes until Accept). */
export async function applyCodeBlock(deps: ApplyDeps, request: ApplyRequest): Promise<void> {
	const target = resolveApplyTarget(request);
	if (target.kind === 'refused') {
		void vscode.window.showWarningMessage(notificationText(vscode.l10n.t('The code block names {0}, which is not a path inside the workspace: nothing was applied.', JSON.stringify(target.path.slice(0, 200)))));
		return;
	}
	const uri = await targetUri(target);
	if (uri === undefined) {
		return;
	}
	const selection = target.kind === 'attached' && target.source.uri === uri.toString() ? target.selectionText : undefined;
	const range = target.kind === 'attached' ? target.source.range : undefined;
	await propose(deps, uri, target.code, selection === undefined ? undefined : { text: selection, range });
}

async function targetUri(target: Exclude<ApplyTarget, { kind: 'refused' }>): Promise<vscode.Uri | undefined> {
	switch (target.kind) {
		case 'path': {
			const folder = vscode.workspace.workspaceFolders?.[0];
			if (folder === undefined) {
				void vscode.window.showInformationMessage(vscode.l10n.t('Open a folder to apply code to a file in it.'));
				return undefined;
			}
			return vscode.Uri.joinPath(folder.uri, ...target.path.split('/'));
		}
		case 'attached':
			return vscode.Uri.parse(target.source.uri, true);
		case 'editor':
			return vscode.Uri.parse(target.uri, true);
		case 'ask':
			return pickWorkspaceFile(vscode.l10n.t('Apply the code to which file?'));
	}
}

/** Where the block goes in the file's current text (unsaved contents included), then the diff review. */
async function propose(deps: ApplyDeps, uri: vscode.Uri, code: string, selection: { text: string; range?: readonly [number, number, number, number] } | undefined): Promise<void> {
	const document = await openIfExists(uri);
	const again = (): Promise<void> => propose(deps, uri, code, selection);
	if (document === undefined) {
		await deps.proposals.show({ target: uri, isNew: true, original: '', proposed: code, proposeAgain: again });
		return;
	}
	const original = document.getText();
	const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
	const block = withEol(code, eol);
	const mode = detectApplyMode(block, original, selection?.text);
	const span = mode === 'replaceSelection' && selection !== undefined ? locate(document, selection) : undefined;
	let proposed: string;
	if (span !== undefined) {
		proposed = spliceText(original, span.start, span.end, matchTrailingNewline(original.slice(span.start, span.end), block));
	} else if (mode === 'replaceFile') {
		proposed = matchTrailingNewline(original, block);
	} else {
		proposed = withEol(await merge(deps, document, original, code), eol);
	}
	await deps.proposals.show({ target: uri, isNew: false, version: document.version, original, proposed, proposeAgain: again });
}

/** The selection's span now: where it was, if its text is still there, else its text's only occurrence. */
function locate(document: vscode.TextDocument, selection: { text: string; range?: readonly [number, number, number, number] }): { start: number; end: number } | undefined {
	const text = withEol(selection.text, document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n');
	if (selection.range !== undefined) {
		const [sl, sc, el, ec] = selection.range;
		const range = document.validateRange(new vscode.Range(sl, sc, el, ec));
		if (document.getText(range) === text) {
			return { start: document.offsetAt(range.start), end: document.offsetAt(range.end) };
		}
	}
	const all = document.getText();
	const first = all.indexOf(text);
	return first !== -1 && text !== '' && all.indexOf(text, first + 1) === -1 ? { start: first, end: first + text.length } : undefined;
}

async function merge(deps: ApplyDeps, document: vscode.TextDocument, file: string, snippet: string): Promise<string> {
	const model = await deps.mergeModel();
	const path = vscode.workspace.asRelativePath(document.uri, false);
	const messages = mergeMessages({ path, language: document.languageId, file, snippet });
	const tokensIn = Math.ceil((file.length + snippet.length) / 4) + 200;
	if (deps.guard && !(await deps.guard.confirm({ feature: 'apply', model, used: { tokensIn }, action: vscode.l10n.t('Merge the change into {0} with {1}', path, model) }))) {
		throw new vscode.CancellationError();
	}
	deps.log.info(`merging a snippet with ${model} (about ${tokensIn} tokens)`);
	return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: notificationText(vscode.l10n.t('Merging the change into {0}…', path)), cancellable: true }, async (_progress, token) => {
		const abort = new AbortController();
		const subscription = token.onCancellationRequested(() => abort.abort());
		try {
			return matchTrailingNewline(file, codeFromAnswer(await deps.chat({ model, messages }, abort.signal)));
		} finally {
			subscription.dispose();
		}
	});
}

async function openIfExists(uri: vscode.Uri): Promise<vscode.TextDocument | undefined> {
	const open = vscode.workspace.textDocuments.find(d => d.uri.toString() === uri.toString());
	if (open !== undefined) {
		return open;
	}
	try {
		await vscode.workspace.fs.stat(uri);
	} catch {
		return undefined;
	}
	return vscode.workspace.openTextDocument(uri);
}

/** The fast model for merges: the setting, else a small model from the catalog, else the chat model. */
export async function fastModel(setting: string, chatModels: () => Promise<readonly { id: string }[]>, fallback: string, log: Logger): Promise<string> {
	if (setting !== '') {
		return setting;
	}
	try {
		return pickFastModel((await chatModels()).map(m => m.id), fallback);
	} catch (e) {
		log.warn(`the model catalog could not be read (${e instanceof Error ? e.message : String(e)}); merging with ${fallback}`);
		return fallback;
	}
}
