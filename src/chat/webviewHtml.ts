import { html, webviewPage } from '../platform/webviewPage';
import type { ChatSurfaceKind } from '../shared/chatProtocol';

export interface ChatHtmlOptions {
	/** `webview.cspSource`. */
	cspSource: string;
	nonce: string;
	scriptUri: string;
	styleUris: readonly string[];
	surface: ChatSurfaceKind;
	lang: string;
}

/**
 * The chat webview's page: the nonce script, styles and fonts from the extension, images from the
 * extension or data: URLs, nothing else. Pure, so the tests and the benchmark load the real page
 * outside VS Code.
 */
export function chatHtml(options: ChatHtmlOptions): string {
	return webviewPage({
		...options,
		title: 'AI Pass Chat',
		resources: { images: 'data', fonts: true },
		bodyClass: `surface-${options.surface}`,
		body: html`<main id="app" class="chat"></main>`,
	});
}
