import * as vscode from 'vscode';
import { Commands } from '../platform/commands';
import { showError } from '../platform/errors';
import type { Config } from '../platform/config';
import type { Logger } from '../platform/log';
import type { ApplyRequest } from '../platform/applyRequest';
import type { WebviewMessage } from '../shared/chatProtocol';
import type { ChatSurface } from './chatSurface';
import type { ChatModels } from './chatModels';
import type { ChatSession } from './chatSession';
import type { ContextPicker } from './contextPicker';
import { copyText, insertAtCursor, openInNewEditor, openLink } from './codeActions';
import { contextFromEditor, type LastEditor } from './editorContext';
import { chatLimits } from './limits';
import { chatStrings } from './webviewStrings';

/** Chat commands the webview can ask for (the panel's toolbar, the view's title bar has them too). */
export interface ChatCommandRunner {
	newConversation(): Promise<void>;
	showHistory(): Promise<void>;
	exportMarkdown(): Promise<unknown>;
}

/** Does what a (validated) webview message asks. */
export class ChatController {
	private readonly log;

	constructor(
		private readonly services: { readonly config: Pick<Config, 'dashboardUrl'>; readonly log: Logger },
		private readonly session: ChatSession,
		private readonly models: ChatModels,
		private readonly lastEditor: LastEditor,
		private readonly picker: ContextPicker,
		private readonly commands: ChatCommandRunner,
		private readonly apply?: (request: ApplyRequest) => Promise<void>,
	) {
		this.log = services.log;
	}

	readonly handle = (surface: ChatSurface, message: WebviewMessage): void => {
		this.run(surface, message).catch((e: unknown) => showError(e, this.log));
	};

	/** Attaches the editor's selection, or its whole file when nothing is selected. */
	attachFromEditor(): boolean {
		const editor = this.lastEditor.current;
		if (editor === undefined) {
			void vscode.window.showInformationMessage(vscode.l10n.t('Open a file or select some code to attach it to the chat.'));
			return false;
		}
		const refused = this.session.addAttachment(contextFromEditor(editor));
		this.session.broadcast({ type: 'notice', text: refused ?? '' });
		return refused === undefined;
	}

	private async run(surface: ChatSurface, message: WebviewMessage): Promise<void> {
		switch (message.type) {
			case 'ready':
				await this.session.restored;
				void this.models.ensureLoaded();
				surface.init({ type: 'init', surface: surface.kind, strings: chatStrings(message => vscode.l10n.t(message)), limits: chatLimits, ...this.session.state() });
				return;
			case 'send':
				return this.session.send(message.text, message.images);
			case 'stop':
				return this.session.stop();
			case 'regenerate':
				return this.session.regenerate();
			case 'selectModel':
				return this.models.select(message.model);
			case 'openLink':
				await openLink(message.href, this.log);
				return;
			case 'copy':
				return copyText(message.text);
			case 'insertCode':
				await insertAtCursor(message.code, this.lastEditor);
				return;
			case 'openCode':
				await openInNewEditor(message.code, message.language);
				return;
			case 'applyCode':
				return this.applyCode(message.messageId, message.code);
			case 'attachContext':
				this.attachFromEditor();
				return;
			case 'contextQuery': {
				const items = await this.picker.suggest(message.query);
				if (items !== undefined) {
					surface.post({ type: 'contextSuggestions', requestId: message.requestId, items });
				}
				return;
			}
			case 'pickContext':
				return this.pickContext(surface, message.id);
			case 'estimateTokens':
				surface.post({ type: 'tokenEstimate', ...this.session.estimate(message.text, message.images) });
				return;
			case 'removeAttachment':
				return this.session.removeAttachment(message.id);
			case 'pinImages':
				return this.session.pinImages(message.messageId, message.pinned);
			case 'errorAction':
				return this.errorAction(message.action);
			case 'command':
				if (message.command === 'newConversation') {
					return this.commands.newConversation();
				}
				if (message.command === 'showHistory') {
					return this.commands.showHistory();
				}
				await this.commands.exportMarkdown();
				return;
		}
	}

	/** An entry of the `@` list was chosen: attached, or the composer says why not. */
	private async pickContext(surface: ChatSurface, id: string): Promise<void> {
		const picked = await this.picker.resolve(id);
		const refused = 'refused' in picked ? picked.refused : this.session.addAttachment(picked);
		surface.post({ type: 'notice', text: refused ?? '' });
	}

	/** Apply on a code block: the answer's text and the question's attachments say where it goes. */
	private async applyCode(messageId: string, code: string): Promise<void> {
		const messages = this.session.current.messages;
		const index = messages.findIndex(m => m.id === messageId && m.role === 'assistant');
		if (index === -1 || this.apply === undefined) {
			return;
		}
		const question = messages.slice(0, index).reverse().find(m => m.role === 'user');
		const attached = (question?.attachments ?? []).flatMap(a => (a.source === undefined || a.truncated ? [] : [{ ...a.source, text: a.text }]));
		const lastEditor = this.lastEditor.current?.document.uri.toString();
		await this.apply({ code, answer: messages[index].text, attached, ...(lastEditor === undefined ? {} : { lastEditor }) });
	}

	private async errorAction(action: 'signIn' | 'topUp' | 'retry' | 'pickModel'): Promise<void> {
		if (action === 'signIn') {
			await vscode.commands.executeCommand(Commands.signIn);
		} else if (action === 'topUp') {
			await vscode.env.openExternal(vscode.Uri.parse(this.services.config.dashboardUrl));
		} else if (action === 'retry') {
			await this.session.regenerate();
		}
		// pickModel is handled in the webview (it focuses the model picker).
	}
}
