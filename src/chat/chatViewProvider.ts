import * as vscode from 'vscode';
import type { Logger } from '../platform/log';
import { ChatSurface, type SurfaceHandler } from './chatSurface';
import type { ChatSession } from './chatSession';

export const chatViewId = 'aipass.chatView';

/**
 * How the chat view is registered. The page is kept while the view is hidden: VS Code's web host rebuilds a
 * hidden-then-shown webview in a new frame, and on a loaded machine that frame could stay empty (our page never
 * ran, so nothing on our side could ask again). Rebuilds that remain (Reload Webviews, moving the view) still
 * ask the host for the whole state with `ready`.
 */
export const chatViewOptions = { webviewOptions: { retainContextWhenHidden: true } } as const;

/** The chat in the AI Pass activity bar container. */
export class ChatViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
	private view: vscode.WebviewView | undefined;
	private surface: ChatSurface | undefined;
	private readonly resolvedEmitter = new vscode.EventEmitter<ChatSurface>();
	/** Fires each time VS Code resolves the view (tests wait for it). */
	readonly onDidResolve = this.resolvedEmitter.event;

	constructor(
		private readonly extensionUri: vscode.Uri,
		private readonly session: ChatSession,
		private readonly handler: SurfaceHandler,
		private readonly log: Logger,
	) {}

	get currentSurface(): ChatSurface | undefined {
		return this.surface;
	}

	resolveWebviewView(view: vscode.WebviewView): void {
		this.view = view;
		const surface = new ChatSurface('view', view.webview, this.extensionUri, this.handler, this.log);
		this.surface = surface;
		const sink = this.session.addSink(surface);
		view.onDidDispose(() => {
			sink.dispose();
			surface.dispose();
			if (this.surface === surface) {
				this.surface = undefined;
				this.view = undefined;
			}
		});
		this.resolvedEmitter.fire(surface);
	}

	/** Brings the view forward (and VS Code resolves it if needed). */
	async reveal(): Promise<void> {
		if (this.view) {
			this.view.show(false);
		} else {
			await vscode.commands.executeCommand(`${chatViewId}.focus`);
		}
	}

	dispose(): void {
		this.resolvedEmitter.dispose();
	}
}
