import * as vscode from 'vscode';
import type { Logger } from '../platform/log';
import { pageBasics } from '../platform/webviewBasics';
import type { ChatSurfaceKind, HostMessage, WebviewMessage } from '../shared/chatProtocol';
import { parseWebviewMessage } from './parseWebviewMessage';
import { chatHtml } from './webviewHtml';

export type SurfaceHandler = (surface: ChatSurface, message: WebviewMessage) => void;

/** Webview options of every chat surface: scripts on, resources only from dist/ and media/. */
export function chatWebviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
	return {
		enableScripts: true,
		localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
	};
}

/**
 * One webview showing the chat (the view or the editor panel). Messages it sends are validated before
 * anything looks at them; it receives nothing until it said `ready`. The page is kept while hidden
 * (`retainContextWhenHidden`), so it keeps receiving updates then; a page that is rebuilt all the same
 * (Reload Webviews, the view moved) says `ready` again and gets the whole state.
 */
export class ChatSurface implements vscode.Disposable {
	private ready = false;
	private readonly subscription: vscode.Disposable;

	constructor(
		readonly kind: ChatSurfaceKind,
		private readonly webview: vscode.Webview,
		extensionUri: vscode.Uri,
		handler: SurfaceHandler,
		private readonly log: Logger,
	) {
		webview.options = chatWebviewOptions(extensionUri);
		const asset = (...path: string[]): string => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...path)).toString();
		webview.html = chatHtml({
			...pageBasics(webview),
			scriptUri: asset('dist', 'webview', 'chat.js'),
			styleUris: [asset('dist', 'media', 'codicon.css'), asset('media', 'chat.css')],
			surface: kind,
		});
		this.subscription = webview.onDidReceiveMessage((raw: unknown) => {
			const message = parseWebviewMessage(raw);
			if (message === undefined) {
				this.log.warn(`ignored an invalid message from the ${kind} webview`);
				return;
			}
			handler(this, message);
		});
	}

	get isReady(): boolean {
		return this.ready;
	}

	/** Sends the state the webview asked for; from then on it gets every update. */
	init(message: Extract<HostMessage, { type: 'init' }>): void {
		this.ready = true;
		void this.webview.postMessage(message);
	}

	post(message: HostMessage): void {
		if (this.ready) {
			void this.webview.postMessage(message);
		}
	}

	dispose(): void {
		this.ready = false;
		this.subscription.dispose();
	}
}
