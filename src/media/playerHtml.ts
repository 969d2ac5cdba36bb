import { html, webviewPage } from '../platform/webviewPage';

/** The audio player's page: no script at all, a nonce for its one style block, media only from the webview. Pure. */
export interface PlayerPage {
	/** `webview.cspSource`. */
	readonly cspSource: string;
	/** `webview.asWebviewUri(file)`, as a string. */
	readonly src: string;
	readonly title: string;
	readonly mime: string;
	readonly nonce: string;
	readonly lang: string;
}

const style = `
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 1rem; }
audio { width: 100%; max-width: 40rem; }
p { word-break: break-all; }
`;

export function playerHtml(page: PlayerPage): string {
	return webviewPage({
		cspSource: page.cspSource,
		nonce: page.nonce,
		lang: page.lang,
		title: page.title,
		inlineStyle: style,
		resources: { media: true },
		body: html`<p>${page.title}</p>
	<audio controls autoplay preload="auto"><source src="${page.src}" type="${page.mime}"></audio>`,
	});
}
