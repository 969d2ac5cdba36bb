/**
 * Every webview page of the extension is built here: a fresh nonce, a strict Content Security Policy
 * (`default-src 'none'`; the one script only with the nonce; styles from the webview's `cspSource` and,
 * for an inline block, the nonce; images, media and fonts only where the page asks for them), and every
 * interpolated text escaped. Pure (no `vscode`), so tests and benchmarks load the real pages outside
 * VS Code; callers pass `webview.cspSource` and `vscode.env.language`.
 */

/** Markup built by `html`: its interpolations are already escaped. */
export class SafeHtml {
	constructor(readonly markup: string) {}
}

/** A tagged template: every `${value}` is escaped unless it is already `SafeHtml`. */
export function html(strings: TemplateStringsArray, ...values: readonly (string | number | SafeHtml)[]): SafeHtml {
	let markup = strings[0] ?? '';
	values.forEach((value, index) => {
		markup += (value instanceof SafeHtml ? value.markup : escapeHtml(String(value))) + (strings[index + 1] ?? '');
	});
	return new SafeHtml(markup);
}

/** Text for an HTML element or a quoted attribute value. */
export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, ch => entities[ch] ?? ch);
}

const entities: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** 128 bits of randomness, base64: a new one for each page. */
export function createNonce(): string {
	const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
	return btoa(String.fromCharCode(...bytes));
}

/** What a page may load besides its own script and stylesheets (all from the webview's `cspSource`). */
export interface PageResources {
	/** `img-src`: `cspSource`, plus `data:` URLs when `'data'`. */
	readonly images?: boolean | 'data';
	/** `media-src` (audio, video). */
	readonly media?: boolean;
	/** `font-src`. */
	readonly fonts?: boolean;
}

export interface WebviewPage {
	/** `webview.cspSource`. */
	readonly cspSource: string;
	/** From `createNonce()`, fresh for each page. */
	readonly nonce: string;
	/** `vscode.env.language`. */
	readonly lang: string;
	readonly title: string;
	/** The page's one script (`webview.asWebviewUri(…)` as a string); none: no script may run. */
	readonly scriptUri?: string;
	readonly styleUris?: readonly string[];
	/** An inline `<style>` block (CSS the extension wrote, never outside text), allowed by the nonce. */
	readonly inlineStyle?: string;
	readonly resources?: PageResources;
	readonly bodyClass?: string;
	readonly body: SafeHtml;
}

/** The policy for a page: nothing by default, then exactly what it declares. */
export function contentSecurityPolicy(page: Omit<WebviewPage, 'lang' | 'title' | 'bodyClass' | 'body'>): string {
	const nonce = `'nonce-${page.nonce}'`;
	const directives = ["default-src 'none'"];
	if (page.scriptUri !== undefined) {
		directives.push(`script-src ${nonce}`);
	}
	const styles = [
		...(page.styleUris !== undefined && page.styleUris.length > 0 ? [page.cspSource] : []),
		...(page.inlineStyle !== undefined ? [nonce] : []),
	];
	if (styles.length > 0) {
		directives.push(`style-src ${styles.join(' ')}`);
	}
	const { images, media, fonts } = page.resources ?? {};
	if (images) {
		directives.push(`img-src ${page.cspSource}${images === 'data' ? ' data:' : ''}`);
	}
	if (media) {
		directives.push(`media-src ${page.cspSource}`);
	}
	if (fonts) {
		directives.push(`font-src ${page.cspSource}`);
	}
	return directives.join('; ');
}

/** The whole document. */
export function webviewPage(page: WebviewPage): string {
	if (page.inlineStyle !== undefined && /<\//.test(page.inlineStyle)) {
		throw new Error('An inline style block may not contain "</".');
	}
	const styles = (page.styleUris ?? []).map(uri => html`\n\t<link rel="stylesheet" href="${uri}">`.markup).join('');
	const inlineStyle = page.inlineStyle === undefined ? '' : html`\n\t<style nonce="${page.nonce}">`.markup + `${page.inlineStyle}</style>`;
	const script = page.scriptUri === undefined ? '' : html`\n\t<script nonce="${page.nonce}" src="${page.scriptUri}"></script>`.markup;
	const bodyClass = page.bodyClass === undefined ? '' : html` class="${page.bodyClass}"`.markup;
	return `<!DOCTYPE html>
<html lang="${escapeHtml(page.lang)}">
<head>
	<meta charset="UTF-8">
	<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(page))}">
	<meta name="viewport" content="width=device-width, initial-scale=1.0">${styles}${inlineStyle}
	<title>${escapeHtml(page.title)}</title>
</head>
<body${bodyClass}>
	${page.body.markup}${script}
</body>
</html>`;
}
