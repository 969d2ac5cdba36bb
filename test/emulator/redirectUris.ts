/**
 * Redirect URI rules of spec §3.2: exact byte match for allowlisted clients, validated dynamic
 * callbacks for clients whose list is `null`.
 */

const MAX_REDIRECT_URI_LENGTH = 2048;

const DANGEROUS_SCHEMES = new Set(['javascript:', 'data:', 'file:', 'vbscript:', 'blob:', 'about:', 'filesystem:']);
/** Special (WHATWG) schemes that are neither https nor a private custom scheme. */
const PUBLIC_NON_HTTPS_SCHEMES = new Set(['ftp:', 'ws:', 'wss:']);

/** Why a callback is refused, or null when it is acceptable as a dynamic callback. */
export function dynamicRedirectProblem(uri: string): string | null {
	if (uri.length > MAX_REDIRECT_URI_LENGTH) {
		return `redirect_uri is longer than ${MAX_REDIRECT_URI_LENGTH} characters`;
	}
	if (uri.includes('#')) {
		return 'redirect_uri must not contain a fragment';
	}
	if (uri.includes('*')) {
		return 'redirect_uri must not contain wildcards';
	}
	let url: URL;
	try {
		url = new URL(uri);
	} catch {
		return 'redirect_uri is not an absolute URI';
	}
	const scheme = url.protocol.toLowerCase();
	if (DANGEROUS_SCHEMES.has(scheme)) {
		return `redirect_uri scheme ${scheme} is not allowed`;
	}
	if (url.username !== '' || url.password !== '') {
		return 'redirect_uri must not contain user information';
	}
	if (scheme === 'https:') {
		return null;
	}
	if (scheme === 'http:') {
		return isLoopbackHost(url.hostname) ? null : 'plain http is allowed only on loopback hosts';
	}
	if (PUBLIC_NON_HTTPS_SCHEMES.has(scheme)) {
		return `redirect_uri scheme ${scheme} is not allowed`;
	}
	// A private custom scheme (vscode:, code-oss:, myapp:, com.example.app:) with something after it.
	return url.host === '' && (url.pathname === '' || url.pathname === '/') ? 'redirect_uri has no target after its scheme' : null;
}

function isLoopbackHost(hostname: string): boolean {
	const host = hostname.toLowerCase();
	return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Whether `requested` may be used with a client whose callback list is `allowed`: exact byte match
 * after trimming outer whitespace for a list, dynamic validation for `null`.
 */
export function redirectAllowed(allowed: readonly string[] | null, requested: string): { ok: true; uri: string } | { ok: false; reason: string } {
	const uri = requested.trim();
	if (allowed === null) {
		const problem = dynamicRedirectProblem(uri);
		return problem === null ? { ok: true, uri } : { ok: false, reason: problem };
	}
	return allowed.includes(uri) ? { ok: true, uri } : { ok: false, reason: 'redirect_uri does not match a registered callback' };
}
