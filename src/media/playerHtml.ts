/** The audio player's page: no script at all, a nonce for its one style block, media only from the webview. Pure. */

export interface PlayerPage {
	/** `webview.cspSource`. */
	readonly cspSource: string;
	/** `webview.asWebviewUri(file)`, as a string. */
	readonly src: string;
	readonly title: string;
	readonly mime: string;
	readonly nonce: string;
	readonly lang?: string;
}

export function playerHtml(page: PlayerPage): string {
	const csp = `default-src 'none'; media-src ${page.cspSource}; style-src 'nonce-${page.nonce}';`;
	return `<!DOCTYPE html>
<html lang="${escapeHtml(page.lang ?? 'en')}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(page.title)}</title>
<style nonce="${escapeHtml(page.nonce)}">
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 1rem; }
audio { width: 100%; max-width: 40rem; }
p { word-break: break-all; }
</style>
</head>
<body>
<p>${escapeHtml(page.title)}</p>
<audio controls autoplay preload="auto"><source src="${escapeHtml(page.src)}" type="${escapeHtml(page.mime)}"></audio>
</body>
</html>`;
}

/** A fresh random nonce (base64, 128 bits). */
export function createNonce(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	return btoa(String.fromCharCode(...bytes));
}

export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, ch => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch);
}
