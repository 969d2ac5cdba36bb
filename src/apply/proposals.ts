import * as vscode from 'vscode';
import type { Logger } from '../platform/log';
import { notificationText } from '../platform/notificationText';
import { minimalReplacement } from './textEdits';

export const proposalScheme = 'aipass-proposal';

/** A proposed change to one file, shown in the diff editor until it is accepted or rejected. */
export interface ProposalInput {
	readonly target: vscode.Uri;
	/** The file does not exist yet: Accept creates it. */
	readonly isNew: boolean;
	/** The document's version and text the proposal was made against (unsaved contents included). */
	readonly version?: number;
	readonly original: string;
	readonly proposed: string;
	/** Makes a fresh proposal for the same change (offered when the file changed meanwhile). */
	readonly proposeAgain: () => Promise<void>;
}

interface Proposal extends ProposalInput {
	readonly id: string;
	readonly uri: vscode.Uri;
}

/** What happened to a proposal (for the tests, and anything else that follows the review). */
export interface ProposalOutcome {
	readonly target: vscode.Uri;
	readonly outcome: 'accepted' | 'rejected' | 'refused';
}

let nextId = 1;

/**
 * The proposals under review: a read-only content provider for their text (`aipass-proposal:`), the
 * diff editor that shows them, and Accept (one `WorkspaceEdit`) / Reject.
 */
export class Proposals implements vscode.TextDocumentContentProvider, vscode.Disposable {
	private readonly open = new Map<string, Proposal>();
	private readonly settled = new vscode.EventEmitter<ProposalOutcome>();
	readonly onDidSettle = this.settled.event;
	private readonly registration = vscode.workspace.registerTextDocumentContentProvider(proposalScheme, this);
	/** A diff closed by hand is a proposal nobody will accept: its text is dropped. */
	private readonly tabs = vscode.window.tabGroups.onDidChangeTabs(e => {
		for (const tab of e.closed) {
			if (tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.scheme === proposalScheme) {
				this.open.delete(tab.input.modified.path.split('/')[1] ?? '');
			}
		}
	});

	constructor(private readonly log: Logger) {}

	provideTextDocumentContent(uri: vscode.Uri): string {
		const [id, side] = uri.path.split('/').slice(1);
		const proposal = this.open.get(id ?? '');
		return proposal === undefined ? '' : side === 'original' ? '' : proposal.proposed;
	}

	/** Opens the diff editor: the file (as it is now, unsaved changes included) ↔ the proposal. */
	async show(input: ProposalInput): Promise<void> {
		const id = String(nextId++);
		const name = input.target.path.split('/').pop() || 'file';
		const uri = vscode.Uri.from({ scheme: proposalScheme, path: `/${id}/proposed/${name}` });
		this.open.set(id, { ...input, id, uri });
		const left = input.isNew ? vscode.Uri.from({ scheme: proposalScheme, path: `/${id}/original/${name}` }) : input.target;
		const title = input.isNew
			? vscode.l10n.t('{0} (new file) ↔ AI Pass proposal', name)
			: vscode.l10n.t('{0} ↔ AI Pass proposal', name);
		this.log.info(`proposal ${id} opened (${input.isNew ? 'new file' : 'existing file'})`);
		await vscode.commands.executeCommand('vscode.diff', left, uri, title, { preview: false });
	}

	/** Applies the proposal shown in `uri` (or the active diff editor) as one edit. */
	async accept(uri?: vscode.Uri): Promise<boolean> {
		const proposal = this.find(uri);
		if (proposal === undefined) {
			void vscode.window.showInformationMessage(vscode.l10n.t('There is no AI Pass proposal to accept here.'));
			return false;
		}
		const name = vscode.workspace.asRelativePath(proposal.target, false);
		const edit = new vscode.WorkspaceEdit();
		if (proposal.isNew) {
			if (await exists(proposal.target)) {
				return this.refuse(proposal, vscode.l10n.t('{0} was created meanwhile, so the proposal no longer fits it.', name));
			}
			edit.createFile(proposal.target, { contents: new TextEncoder().encode(proposal.proposed) });
		} else {
			const document = await vscode.workspace.openTextDocument(proposal.target);
			if (document.version !== proposal.version || document.getText() !== proposal.original) {
				return this.refuse(proposal, vscode.l10n.t('{0} changed after the proposal was made, so it was not applied.', name));
			}
			const change = minimalReplacement(proposal.original, proposal.proposed);
			edit.replace(proposal.target, new vscode.Range(document.positionAt(change.start), document.positionAt(change.end)), change.text);
		}
		if (!(await vscode.workspace.applyEdit(edit))) {
			void vscode.window.showErrorMessage(notificationText(vscode.l10n.t('The change could not be applied to {0}.', name)));
			return false;
		}
		await this.close(proposal);
		await vscode.window.showTextDocument(proposal.target, { preview: false });
		this.log.info(`proposal ${proposal.id} accepted`);
		this.settled.fire({ target: proposal.target, outcome: 'accepted' });
		return true;
	}

	/** Closes the proposal without changing anything. */
	async reject(uri?: vscode.Uri): Promise<void> {
		const proposal = this.find(uri);
		if (proposal === undefined) {
			return;
		}
		await this.close(proposal);
		this.log.info(`proposal ${proposal.id} rejected`);
		this.settled.fire({ target: proposal.target, outcome: 'rejected' });
	}

	dispose(): void {
		this.registration.dispose();
		this.tabs.dispose();
		this.settled.dispose();
		this.open.clear();
	}

	private async refuse(proposal: Proposal, message: string): Promise<false> {
		this.log.info(`proposal ${proposal.id} refused: the file changed`);
		await this.close(proposal);
		this.settled.fire({ target: proposal.target, outcome: 'refused' });
		const again = vscode.l10n.t('Propose Again');
		void vscode.window.showWarningMessage(notificationText(message), again).then(choice => {
			if (choice === again) {
				proposal.proposeAgain().catch((e: unknown) => this.log.error(e instanceof Error ? e : String(e)));
			}
		});
		return false;
	}

	private find(uri: vscode.Uri | undefined): Proposal | undefined {
		const candidate = uri?.scheme === proposalScheme ? uri : activeProposalUri();
		const id = candidate?.path.split('/')[1];
		return id === undefined ? undefined : this.open.get(id);
	}

	private async close(proposal: Proposal): Promise<void> {
		this.open.delete(proposal.id);
		const tabs = vscode.window.tabGroups.all.flatMap(group => group.tabs).filter(tab =>
			tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.toString() === proposal.uri.toString());
		if (tabs.length > 0) {
			await vscode.window.tabGroups.close(tabs);
		}
	}
}

function activeProposalUri(): vscode.Uri | undefined {
	const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
	if (input instanceof vscode.TabInputTextDiff && input.modified.scheme === proposalScheme) {
		return input.modified;
	}
	const active = vscode.window.activeTextEditor?.document.uri;
	return active?.scheme === proposalScheme ? active : undefined;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
	try {
		await vscode.workspace.fs.stat(uri);
		return true;
	} catch {
		return false;
	}
}
