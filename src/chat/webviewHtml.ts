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
 * The chat webview's page: a strict CSP (nonce script only, styles and fonts from the extension,
 * images from the extension or data: URLs, nothing else), the stylesheets and the bundle. Pure, so the
 * tests and the benchmark load the real page outside VS Code.
 */
export function chatHtml(options: ChatHtmlOptions): string {
	const csp = [
		"default-src 'none'",
		`script-src 'nonce-${options.nonce}'`,
		`style-src ${options.cspSource}`,
		`img-src ${options.cspSource} data:`,
		`font-src ${options.cspSource}`,
	].join('; ');
	const styles = options.styleUris.map(uri => `<link rel="stylesheet" href="${escapeAttribute(uri)}">`).join('\n\t');
	return `<!DOCTYPE html>
<html lang="${escapeAttribute(options.lang)}">
<head>
	<meta charset="UTF-8">
	<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
	<meta name="viewport" content="width=device-width, initial-scale=1.0">
	${styles}
	<title>AI Pass Chat</title>
</head>
<body class="surface-${options.surface}">
	<main id="app" class="chat"></main>
	<script nonce="${escapeAttribute(options.nonce)}" src="${escapeAttribute(options.scriptUri)}"></script>
</body>
</html>`;
}

/** 128 bits of randomness, base64. */
export function createNonce(): string {
	const bytes = new Uint8Array(16);
	globalThis.crypto.getRandomValues(bytes);
	return btoa(String.fromCharCode(...bytes));
}

export function escapeAttribute(value: string): string {
	return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
