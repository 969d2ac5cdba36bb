import { createHash, randomBytes } from 'node:crypto';
import { type EmulatorAdmin } from '../../emulator/adminClient';
import { type RunningEmulator, startEmulator } from '../../emulator/server';

/** The dynamic-callback seed client and a loopback callback it accepts. */
export const CLIENT_ID = 'client_vscode_test';
export const LOOPBACK_CALLBACK = 'http://127.0.0.1:53682/callback';

export interface EmulatorHandle {
	readonly url: string;
	readonly admin: EmulatorAdmin;
}

/** One in-process emulator per suite on a random port, reset before every test. */
export function useEmulator(): EmulatorHandle {
	let running: RunningEmulator | undefined;
	const current = (): RunningEmulator => {
		if (!running) {
			throw new Error('The emulator is not running yet.');
		}
		return running;
	};
	before(async () => {
		running = await startEmulator({ quiet: true });
	});
	after(async () => {
		await running?.close();
	});
	beforeEach(async () => {
		await current().admin.reset();
	});
	return {
		get url() {
			return current().url;
		},
		get admin() {
			return current().admin;
		},
	};
}

export function pkce(): { verifier: string; challenge: string } {
	const verifier = randomBytes(48).toString('base64url');
	return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export interface AuthorizeParams {
	clientId?: string;
	redirectUri?: string;
	scope?: string | null;
	state?: string | null;
	challenge?: string | null;
	method?: string | null;
	responseType?: string;
}

export function authorizeUrl(base: string, params: AuthorizeParams = {}): string {
	const query = new URLSearchParams();
	const entries: Array<[string, string | null | undefined]> = [
		['response_type', params.responseType ?? 'code'],
		['client_id', params.clientId ?? CLIENT_ID],
		['redirect_uri', params.redirectUri ?? LOOPBACK_CALLBACK],
		['scope', params.scope === undefined ? 'api:access profile:read' : params.scope],
		['state', params.state === undefined ? 'state-123' : params.state],
		['code_challenge', params.challenge === undefined ? pkce().challenge : params.challenge],
		['code_challenge_method', params.method === undefined ? 'S256' : params.method],
	];
	for (const [key, value] of entries) {
		if (value !== null && value !== undefined) {
			query.set(key, value);
		}
	}
	return `${base}/oauth2/authorize?${query}`;
}

/** GET without following redirects. */
export function getManual(url: string): Promise<Response> {
	return fetch(url, { redirect: 'manual' });
}

/** Submits the consent form of an authorize response like a browser would. */
export async function decide(base: string, consent: Response, decision: 'allow' | 'deny', user?: string): Promise<Response> {
	const html = await consent.text();
	const requestId = /name="request_id" value="([^"]+)"/.exec(html)?.[1];
	if (!requestId) {
		throw new Error(`No consent form in: ${html.slice(0, 200)}`);
	}
	const form = new URLSearchParams({ request_id: requestId, decision, ...(user ? { user } : {}) });
	return fetch(`${base}/oauth2/authorize/decision`, { method: 'POST', body: form, redirect: 'manual' });
}

/** Runs authorize + consent (Allow) and returns the code from the callback. */
export async function obtainCode(base: string, params: AuthorizeParams & { user?: string } = {}): Promise<{ code: string; verifier: string }> {
	const { verifier, challenge } = pkce();
	const consent = await getManual(authorizeUrl(base, { ...params, challenge }));
	const response = await decide(base, consent, 'allow', params.user);
	const code = new URL(response.headers.get('location') ?? 'x:').searchParams.get('code');
	if (!code) {
		throw new Error(`No code in ${response.status} ${response.headers.get('location')}`);
	}
	return { code, verifier };
}

export interface TokenResponse {
	access_token: string;
	refresh_token: string;
	expires_in: number;
	token_type: string;
	scope: string;
}

export function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
	return fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

/** The whole sign-in: consent, then the code exchange. */
export async function signIn(base: string, params: AuthorizeParams & { user?: string } = {}): Promise<TokenResponse> {
	const { code, verifier } = await obtainCode(base, params);
	const response = await postJson(`${base}/oauth2/token`, {
		grantType: 'authorization_code',
		code,
		codeVerifier: verifier,
		clientId: params.clientId ?? CLIENT_ID,
		redirectUri: params.redirectUri ?? LOOPBACK_CALLBACK,
	});
	if (response.status !== 200) {
		throw new Error(`Token exchange failed: ${response.status} ${await response.text()}`);
	}
	return (await response.json()) as TokenResponse;
}

/** A resource-API call with a Bearer token (base `/oauth2/v1` unless given). */
export function api(base: string, token: string, path: string, init: RequestInit = {}, prefix = '/oauth2/v1'): Promise<Response> {
	const headers = new Headers(init.headers);
	headers.set('Authorization', `Bearer ${token}`);
	if (typeof init.body === 'string' && !headers.has('Content-Type')) {
		headers.set('Content-Type', 'application/json');
	}
	return fetch(`${base}${prefix}${path}`, { ...init, headers });
}

export function chat(base: string, token: string, body: Record<string, unknown>, signal?: AbortSignal): Promise<Response> {
	return api(base, token, '/chat/completions', { method: 'POST', body: JSON.stringify({ model: 'gpt-5-mini', ...body }), signal });
}

/** Splits raw SSE text into its blocks (one per blank-line-terminated event). */
export function sseBlocks(text: string): string[] {
	return text.split('\n\n').filter((block) => block !== '');
}
