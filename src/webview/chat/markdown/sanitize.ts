import DOMPurify from 'dompurify';

/** Everything markdown-it (with raw HTML off) can produce, and nothing else. */
const allowedTags = [
	'p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'li', 'pre', 'code', 'span', 'em',
	'strong', 's', 'del', 'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
];
const allowedAttributes = ['href', 'class', 'start'];
const linkSchemes = new Set(['http:', 'https:', 'mailto:']);

let hooked = false;

/** http(s) and mailto only, absolute: the host opens them with `openExternal` after checking again. */
export function isAllowedLink(href: string): boolean {
	try {
		return linkSchemes.has(new URL(href).protocol);
	} catch {
		return false;
	}
}

/**
 * Links lose their `href` (so nothing can navigate the webview, whatever listens to clicks) and keep an
 * allowed target in `data-href`; the chat opens it through the host on click or Enter.
 */
function installHooks(): void {
	if (hooked) {
		return;
	}
	hooked = true;
	DOMPurify.addHook('afterSanitizeAttributes', node => {
		if (node.nodeName !== 'A') {
			return;
		}
		const href = node.getAttribute('href');
		node.removeAttribute('href');
		if (href !== null && isAllowedLink(href)) {
			node.setAttribute('data-href', href);
			node.setAttribute('role', 'link');
			node.setAttribute('tabindex', '0');
			node.setAttribute('title', href);
		}
	});
}

/** Sanitises rendered markdown into a fragment of the webview's document (never through innerHTML). */
export function sanitizeToFragment(html: string): DocumentFragment {
	installHooks();
	return DOMPurify.sanitize(html, {
		ALLOWED_TAGS: allowedTags,
		ALLOWED_ATTR: allowedAttributes,
		ALLOW_DATA_ATTR: false,
		ALLOW_ARIA_ATTR: false,
		RETURN_DOM_FRAGMENT: true,
	});
}
