/**
 * PKCE (RFC 7636, S256 only) and state values from the platform CSPRNG (`crypto.getRandomValues`),
 * which exists in both the Node and the browser extension hosts.
 */
export interface PkcePair {
	/** 64 characters of base64url: inside the 43-128 range the spec allows. */
	readonly verifier: string;
	/** BASE64URL(SHA-256(verifier)) without padding. */
	readonly challenge: string;
}

export function randomBase64Url(byteCount: number): string {
	const bytes = new Uint8Array(byteCount);
	globalThis.crypto.getRandomValues(bytes);
	return base64UrlEncode(bytes);
}

export async function createPkcePair(): Promise<PkcePair> {
	const verifier = randomBase64Url(48);
	return { verifier, challenge: await s256(verifier) };
}

/** 32 random bytes: unguessable, single use, compared exactly. */
export function createState(): string {
	return randomBase64Url(32);
}

export async function s256(verifier: string): Promise<string> {
	const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
	return base64UrlEncode(new Uint8Array(digest));
}

export function base64UrlEncode(bytes: Uint8Array): string {
	let binary = '';
	for (const byte of bytes) {
		binary += String.fromCharCode(byte);
	}
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
