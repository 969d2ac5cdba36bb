/**
 * Test support for the API client: an emulator per suite, a real OAuth sign-in (PKCE S256) for
 * every test, a TokenSource that really refreshes against the emulator, and a raw HTTP peer for
 * byte-exact answers. No fetch is stubbed anywhere.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { type RunningEmulator, startEmulator } from '../../emulator/server';
import { AiPassClient, type AiPassClientOptions } from '../../../src/api/client';
import { NotSignedInError } from '../../../src/api/errors';
import { type TokenSource } from '../../../src/api/tokenSource';

export const CLIENT_ID = 'client_vscode_test';
/** Dynamic-callback mode accepts loopback HTTP; nothing listens there, we only read the Location. */
const REDIRECT_URI = 'http://127.0.0.1:1/callback';

export interface TokenPair {
	accessToken: string;
	refreshToken: string;
}

/** The authorization-code flow with PKCE, consent auto-approved by the emulator. */
export async function signIn(emulator: RunningEmulator, scope = 'api:access profile:read'): Promise<TokenPair> {
	await emulator.admin.setConfig({ autoApprove: 'allow' });
	const verifier = randomBytes(32).toString('base64url');
	const state = randomBytes(16).toString('base64url');
	const authorize = new URL('/oauth2/authorize', emulator.url);
	authorize.search = new URLSearchParams({
		response_type: 'code', client_id: CLIENT_ID, redirect_uri: REDIRECT_URI, scope, state,
		code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256',
	}).toString();
	const redirect = await fetch(authorize, { redirect: 'manual' });
	const callback = new URL(redirect.headers.get('location') ?? 'about:blank');
	const code = callback.searchParams.get('code');
	if (redirect.status !== 302 || code === null || callback.searchParams.get('state') !== state) {
		throw new Error(`authorize did not redirect with a code and our state (HTTP ${redirect.status})`);
	}
	return tokenRequest(emulator.url, {
		grantType: 'authorization_code', code, codeVerifier: verifier, clientId: CLIENT_ID, redirectUri: REDIRECT_URI,
	});
}

async function tokenRequest(origin: string, body: Record<string, string>): Promise<TokenPair> {
	const response = await fetch(`${origin}/oauth2/token`, {
		method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
	});
	const json = await response.json() as { access_token?: unknown; refresh_token?: unknown; error?: unknown };
	if (!response.ok || typeof json.access_token !== 'string' || typeof json.refresh_token !== 'string') {
		throw new Error(`token request failed with HTTP ${response.status} (${String(json.error)})`);
	}
	return { accessToken: json.access_token, refreshToken: json.refresh_token };
}

/** Like the auth module: hands out the stored token and, when forced, refreshes it (rotating both). */
export class EmulatorTokenSource implements TokenSource {
	readonly clientId: string | undefined = CLIENT_ID;
	refreshes = 0;

	constructor(private readonly origin: string, private pair: TokenPair | undefined) {}

	get accessToken(): string {
		return this.pair?.accessToken ?? '';
	}

	async getAccessToken(options: { forceRefresh?: boolean } = {}): Promise<string> {
		if (this.pair === undefined) {
			throw new NotSignedInError();
		}
		if (options.forceRefresh === true) {
			this.refreshes++;
			const refreshToken = this.pair.refreshToken;
			this.pair = undefined;
			this.pair = await tokenRequest(this.origin, { grantType: 'refresh_token', refreshToken, clientId: CLIENT_ID });
		}
		return this.pair.accessToken;
	}
}

/** Per-test state of a suite that runs against the emulator; fields are set in `beforeEach`. */
export interface ApiContext {
	emulator: RunningEmulator;
	tokens: EmulatorTokenSource;
	client: AiPassClient;
	/** How often `onPaidRequestSettled` fired. */
	settled: number;
	makeClient(overrides?: Partial<AiPassClientOptions>): AiPassClient;
}

/**
 * Starts one emulator for the suite; before each test resets it, signs in for real, builds a client
 * and clears the request log (so a test sees only its own requests).
 */
export function useEmulator(): ApiContext {
	const context = { settled: 0 } as ApiContext;
	before(async () => {
		context.emulator = await startEmulator({ quiet: true });
	});
	after(async () => {
		await context.emulator.close();
	});
	beforeEach(async () => {
		const { emulator } = context;
		await emulator.admin.reset();
		context.tokens = new EmulatorTokenSource(emulator.url, await signIn(emulator));
		context.settled = 0;
		context.makeClient = (overrides = {}) => new AiPassClient({
			baseUrl: () => emulator.url,
			apiBasePath: () => '/oauth2/v1',
			tokens: context.tokens,
			onPaidRequestSettled: () => context.settled++,
			...overrides,
		});
		context.client = context.makeClient();
		await emulator.admin.clearRequests();
	});
	return context;
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
	try {
		await promise;
	} catch (e) {
		return e;
	}
	throw new Error('expected the call to fail, but it succeeded');
}

/** Collects a stream's events, or the error that ended it together with the events before it. */
export async function collect<T>(stream: AsyncIterable<T>): Promise<{ events: T[]; error?: unknown }> {
	const events: T[] = [];
	try {
		for await (const event of stream) {
			events.push(event);
		}
	} catch (error) {
		return { events, error };
	}
	return { events };
}

export interface RawPeer {
	url: string;
	/** Requests seen, in order. */
	requests: { method: string; url: string; headers: IncomingMessage['headers'] }[];
	/** Responses whose connection closed before they ended. */
	closedEarly: number;
	close(): Promise<void>;
}

/** A plain `node:http` server answering with exactly what `handle` writes: a real peer, not a stub. */
export async function startRawPeer(handle: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>): Promise<RawPeer> {
	const peer = { requests: [], closedEarly: 0 } as unknown as RawPeer;
	const server = createServer((req, res) => {
		peer.requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
		res.on('close', () => {
			if (!res.writableFinished) {
				peer.closedEarly++;
			}
		});
		req.resume();
		req.on('end', () => void handle(req, res));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	peer.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	peer.close = () => new Promise<void>((resolve) => {
		server.closeAllConnections();
		server.close(() => resolve());
	});
	return peer;
}

/** A TokenSource with a fixed token, for peers that do not check it. */
export function fixedTokens(token: string, clientId: string | undefined = CLIENT_ID): TokenSource {
	return { clientId, getAccessToken: () => Promise.resolve(token) };
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
