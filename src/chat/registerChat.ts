import * as vscode from 'vscode';
import type { ApplyRequest } from '../platform/applyRequest';
import type { AiPassClient } from '../api/client';
import type { ModelCatalog } from '../api/modelCatalog';
import type { CommandHandlers } from '../platform/commandHandlers';
import { Commands } from '../platform/commands';
import type { Config } from '../platform/config';
import { showError } from '../platform/errors';
import type { Logger } from '../platform/log';
import type { Subscriptions } from '../platform/subscriptions';
import { ChatController } from './chatController';
import { ChatModels } from './chatModels';
import { ChatPanel } from './chatPanel';
import { type ChatCost, ChatSession } from './chatSession';
import { ChatViewProvider } from './chatViewProvider';
import { answerCostText } from './costText';
import { conversationToMarkdown } from './conversationMarkdown';
import { ConversationStore } from './conversationStore';
import { ContextPicker } from './contextPicker';
import { LastEditor } from './editorContext';
import { pickConversation } from './historyPicker';
import { WorkspaceBlobStore } from './workspaceBlobStore';

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
	readonly commands: CommandHandlers<(typeof chatCommandIds)[number]>;
}

export const chatCommandIds = [
	Commands.chatOpen, Commands.chatNewConversation, Commands.chatOpenInEditor, Commands.chatShowHistory, Commands.chatExport, Commands.chatAttachSelection,
] as const;

/** What the chat uses: the client, the catalog, settings, the workspace's memory and storage folder, where its webviews live. */
export interface ChatDeps {
	readonly client: AiPassClient;
	readonly catalog: Pick<ModelCatalog, 'chatModels' | 'onDidChange'>;
	readonly config: Config;
	readonly log: Logger;
	readonly workspaceState: vscode.Memento;
	/** Where conversations are stored (`chatStorageFolder`). */
	readonly storageFolder: vscode.Uri;
	readonly extensionUri: vscode.Uri;
	readonly subscriptions: Subscriptions;
}

/** The chat view's provider, its editor panel, the conversation store and the chat commands (the view is registered by extension.ts). */
export function createChat(deps: ChatDeps, cost?: ChatCost, apply?: (request: ApplyRequest) => Promise<void>): ChatFeature {
	const log = deps.log.child('chat');
	const parts = { ...deps, log };
	const store = new ConversationStore(new WorkspaceBlobStore(deps.storageFolder), e => log.warn(e instanceof Error ? e.message : String(e)));
	const models = new ChatModels(parts);
	const session = new ChatSession(parts, store, models, cost);
	const lastEditor = new LastEditor();
	const picker = new ContextPicker({ editors: lastEditor, log });

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
	const controller = new ChatController(parts, session, models, lastEditor, picker, {
		newConversation: () => session.newConversation(),
		showHistory,
		exportMarkdown,
	}, apply);
	const view = new ChatViewProvider(deps.extensionUri, session, controller.handle, log);
	const panel = new ChatPanel(deps.extensionUri, session, controller.handle, log);
	const guarded = (run: () => Promise<unknown>) => async (): Promise<void> => {
		try {
			await run();
		} catch (e) {
			showError(e, log);
		}
	};

	deps.subscriptions.push(
		models, session, lastEditor, picker, view, panel, historyShown,
		models.onDidChange(() => session.broadcast({ type: 'models', models: models.models, model: models.selected })),
	);
	const commands = {
		[Commands.chatOpen]: guarded(() => view.reveal()),
		[Commands.chatNewConversation]: guarded(async () => {
			await session.newConversation();
			await view.reveal();
			session.broadcast({ type: 'focusInput' });
		}),
		[Commands.chatOpenInEditor]: () => panel.open(),
		[Commands.chatShowHistory]: guarded(showHistory),
		[Commands.chatExport]: guarded(exportMarkdown),
		[Commands.chatAttachSelection]: guarded(async () => {
			if (controller.attachFromEditor() && panel.currentSurface === undefined) {
				await view.reveal();
			}
		}),
	};
	return { session, store, models, view, panel, exportMarkdown, onDidShowHistory: historyShown.event, commands };
}
