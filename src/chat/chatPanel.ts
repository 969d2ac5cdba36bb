import * as vscode from 'vscode';
import type { Logger } from '../platform/log';
import { ChatSurface, chatWebviewOptions, type SurfaceHandler } from './chatSurface';
import type { ChatSession } from './chatSession';

export const chatPanelViewType = 'aipass.chatPanel';

/** "Open in Editor": the same conversation in an editor tab (one tab; opening again reveals it). */
export class ChatPanel implements vscode.Disposable {
	private panel: vscode.WebviewPanel | undefined;
	private surface: ChatSurface | undefined;

	constructor(
		private readonly extensionUri: vscode.Uri,
		private readonly session: ChatSession,
		private readonly handler: SurfaceHandler,
		private readonly log: Logger,
	) {}

	get currentSurface(): ChatSurface | undefined {
		return this.surface;
	}

	open(): void {
		if (this.panel) {
			this.panel.reveal();
			return;
		}
		// The page is kept while another tab is in front, as the view's is (see chatViewOptions).
		const panel = vscode.window.createWebviewPanel(chatPanelViewType, vscode.l10n.t('AI Pass Chat'), vscode.ViewColumn.Active, {
			...chatWebviewOptions(this.extensionUri), retainContextWhenHidden: true,
		});
		panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'aipass.svg');
		const surface = new ChatSurface('panel', panel.webview, this.extensionUri, this.handler, this.log);
		const sink = this.session.addSink(surface);
		panel.onDidDispose(() => {
			sink.dispose();
			surface.dispose();
			this.panel = undefined;
			this.surface = undefined;
		});
		this.panel = panel;
		this.surface = surface;
	}

	dispose(): void {
		this.panel?.dispose();
	}
}
