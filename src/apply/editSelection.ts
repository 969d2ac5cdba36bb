import * as vscode from 'vscode';
import type { ChatRequest } from '../api/types';
import type { SpendCheck } from '../platform/spendingPorts';
import type { Logger } from '../platform/log';
import { notificationText } from '../platform/notificationText';
import { codeFromAnswer, editMessages, matchTrailingNewline } from './prompts';
import type { Proposals } from './proposals';
import { recentInstruction, type RecentInstructions } from './recentInstructions';
import { spliceText, withEol } from './textEdits';

/** What Edit Selection needs: a streamed chat call, the model, the spend guard, recent instructions and the proposals. */
export interface EditSelectionDeps {
	readonly log: Logger;
	readonly proposals: Proposals;
	readonly recent: RecentInstructions;
	readonly guard?: SpendCheck;
	/** Streams the answer's text; each piece is handed to `onText`. */
	stream(request: ChatRequest, signal: AbortSignal, onText: (text: string) => void): Promise<void>;
	model(): string;
}

/** The selection, or without one the enclosing function/class (document symbols), else the current line. */
export async function editRange(editor: vscode.TextEditor): Promise<vscode.Range> {
	const selection = editor.selection;
	if (!selection.isEmpty) {
		return new vscode.Range(selection.start, selection.end);
	}
	const document = editor.document;
	const position = selection.active;
	let symbols: (vscode.DocumentSymbol | vscode.SymbolInformation)[] | undefined;
	try {
		symbols = await vscode.commands.executeCommand<(vscode.DocumentSymbol | vscode.SymbolInformation)[] | undefined>('vscode.executeDocumentSymbolProvider', document.uri);
	} catch {
		symbols = undefined; // No symbol provider for this language: the line is used.
	}
	const block = innermostBlock(symbols ?? [], position);
	const line = document.lineAt(position.line).range;
	const chosen = block ?? line;
	return new vscode.Range(chosen.start.line, 0, chosen.end.line, document.lineAt(chosen.end.line).range.end.character);
}

const blockKinds = new Set([vscode.SymbolKind.Function, vscode.SymbolKind.Method, vscode.SymbolKind.Constructor, vscode.SymbolKind.Class,
	vscode.SymbolKind.Interface, vscode.SymbolKind.Enum, vscode.SymbolKind.Struct, vscode.SymbolKind.Module, vscode.SymbolKind.Namespace]);

function innermostBlock(symbols: readonly (vscode.DocumentSymbol | vscode.SymbolInformation)[], position: vscode.Position): vscode.Range | undefined {
	let found: vscode.Range | undefined;
	const visit = (list: readonly (vscode.DocumentSymbol | vscode.SymbolInformation)[]): void => {
		for (const symbol of list) {
			const range = 'range' in symbol ? symbol.range : symbol.location.range;
			if (!range.contains(position)) {
				continue;
			}
			if (blockKinds.has(symbol.kind) && (found === undefined || found.contains(range))) {
				found = range;
			}
			if ('children' in symbol) {
				visit(symbol.children);
			}
		}
	};
	visit(symbols);
	return found;
}

/** `aipass.editSelection`: an instruction, the rewrite streamed under a cancellable progress, then the diff review. */
export async function editSelection(deps: EditSelectionDeps, editor: vscode.TextEditor | undefined): Promise<void> {
	if (editor === undefined) {
		void vscode.window.showInformationMessage(vscode.l10n.t('Open a file and select the code to edit, then try again.'));
		return;
	}
	const range = await editRange(editor);
	const instruction = await recentInstruction(deps.recent, vscode.l10n.t('Edit with AI Pass'), vscode.l10n.t('Describe the change (e.g. "add error handling")'));
	if (instruction === undefined) {
		return;
	}
	await rewrite(deps, editor.document, range, instruction);
}

async function rewrite(deps: EditSelectionDeps, document: vscode.TextDocument, range: vscode.Range, instruction: string): Promise<void> {
	const original = document.getText();
	const version = document.version;
	const start = document.offsetAt(range.start);
	const end = document.offsetAt(range.end);
	const code = original.slice(start, end);
	const path = vscode.workspace.asRelativePath(document.uri, false);
	const model = deps.model();
	const request: ChatRequest = { model, messages: editMessages({ path, language: document.languageId, code, instruction }) };
	if (deps.guard && !(await deps.guard.confirm({ feature: 'apply', model, used: { tokensIn: Math.ceil(code.length / 4) + 200 }, action: vscode.l10n.t('Edit {0} with {1}', path, model) }))) {
		return;
	}
	deps.log.info(`editing ${end - start} characters with ${model}`);
	const answer = await vscode.window.withProgress({
		location: vscode.ProgressLocation.Notification,
		title: notificationText(vscode.l10n.t('AI Pass is editing {0}', path)),
		cancellable: true,
	}, async (progress, token) => {
		const abort = new AbortController();
		const subscription = token.onCancellationRequested(() => abort.abort());
		let text = '';
		let lines = 1;
		try {
			await deps.stream(request, abort.signal, piece => {
				text += piece;
				lines += piece.split('\n').length - 1;
				progress.report({ message: notificationText(vscode.l10n.t('{0} lines written', lines)) });
			});
		} catch (e) {
			if (abort.signal.aborted) {
				throw new vscode.CancellationError();
			}
			throw e;
		} finally {
			subscription.dispose();
		}
		if (token.isCancellationRequested) {
			throw new vscode.CancellationError();
		}
		return text;
	});
	const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
	const rewritten = matchTrailingNewline(code, withEol(codeFromAnswer(answer), eol));
	await deps.proposals.show({
		target: document.uri, isNew: false, version, original,
		proposed: spliceText(original, start, end, rewritten),
		proposeAgain: async () => {
			const now = document.getText();
			const at = now.indexOf(code);
			const again = at === -1 ? range : new vscode.Range(document.positionAt(at), document.positionAt(at + code.length));
			await rewrite(deps, document, again, instruction);
		},
	});
}
