import * as vscode from 'vscode';
import type { ApplyRequest } from '../apply/applyTarget';
import { Commands } from '../platform/commands';
import { showError } from '../platform/errors';
import type { Services } from '../services';
import { ChatController } from './chatController';
import { ChatModels } from './chatModels';
import { ChatPanel } from './chatPanel';
import { type ChatCost, ChatSession } from './chatSession';
import { ChatViewProvider, chatViewId, chatViewOptions } from './chatViewProvider';
import { answerCostText } from './costText';
import { conversationToMarkdown } from './conversationMarkdown';
import { ConversationStore } from './conversationStore';
import { LastEditor } from './editorContext';
import { pickConversation } from './historyPicker';
import { chatStorageFolder, WorkspaceBlobStore } from './workspaceBlobStore';

/** The chat feature: what extension.ts keeps (and the integration tests drive). */
export interface ChatFeature {
	readonly session: ChatSession;
	readonly store: ConversationStore;
	readonly models: ChatModels;
	readonly view: ChatViewProvider;
	readonly panel: ChatPanel;
	/** The current conversation as an untitled Markdown document. */
	exportMarkdown(): Promise<vscode.TextDocument>;
	/** Fires when the history picker is shown with its items. */
	readonly onDidShowHistory: vscode.Event<void>;
}

/** The chat view, its editor panel, the conversation store and the chat commands. */
export function registerChat(services: Services, cost?: ChatCost, apply?: (request: ApplyRequest) => Promise<void>): ChatFeature {
	const { context } = services;
	const log = services.log.child('chat');
	const store = new ConversationStore(new WorkspaceBlobStore(chatStorageFolder(context)), e => log.warn(e instanceof Error ? e.message : String(e)));
	const models = new ChatModels(services);
	const session = new ChatSession(services, store, models, cost);
	const lastEditor = new LastEditor();

	const exportMarkdown = async (): Promise<vscode.TextDocument> => {
		const content = conversationToMarkdown(session.current, {
			untitled: vscode.l10n.t('AI Pass Chat'),
			you: vscode.l10n.t('You'),
			assistant: vscode.l10n.t('AI Pass'),
			image: vscode.l10n.t('Image'),
			stopped: vscode.l10n.t('Stopped.'),
			total: vscode.l10n.t('Conversation total'),
		}, answerCostText);
		const document = await vscode.workspace.openTextDocument({ language: 'markdown', content });
		await vscode.window.showTextDocument(document, { preview: false });
		return document;
	};
	const historyShown = new vscode.EventEmitter<void>();
	const showHistory = async (): Promise<void> => {
		const picked = await pickConversation(store, session.current.id, log, () => historyShown.fire());
		if (picked !== undefined && !(await session.open(picked.id))) {
			void vscode.window.showWarningMessage(vscode.l10n.t('That conversation could not be read.'));
		}
	};
	const controller = new ChatController(services, session, models, lastEditor, {
		newConversation: () => session.newConversation(),
		showHistory,
		exportMarkdown,
	}, apply);
	const view = new ChatViewProvider(context.extensionUri, session, controller.handle, log);
	const panel = new ChatPanel(context.extensionUri, session, controller.handle, log);
	const guarded = (run: () => Promise<unknown>) => async (): Promise<void> => {
		try {
			await run();
		} catch (e) {
			showError(e, log);
		}
	};

	context.subscriptions.push(
		models, session, lastEditor, view, panel, historyShown,
		models.onDidChange(() => session.broadcast({ type: 'models', models: models.models, model: models.selected })),
		vscode.window.registerWebviewViewProvider(chatViewId, view, chatViewOptions),
		vscode.commands.registerCommand(Commands.chatOpen, guarded(() => view.reveal())),
		vscode.commands.registerCommand(Commands.chatNewConversation, guarded(async () => {
			await session.newConversation();
			await view.reveal();
			session.broadcast({ type: 'focusInput' });
		})),
		vscode.commands.registerCommand(Commands.chatOpenInEditor, () => panel.open()),
		vscode.commands.registerCommand(Commands.chatShowHistory, guarded(showHistory)),
		vscode.commands.registerCommand(Commands.chatExport, guarded(exportMarkdown)),
		vscode.commands.registerCommand(Commands.chatAttachSelection, guarded(async () => {
			if (controller.attachFromEditor() && panel.currentSurface === undefined) {
				await view.reveal();
			}
		})),
	);
	return { session, store, models, view, panel, exportMarkdown, onDidShowHistory: historyShown.event };
}
