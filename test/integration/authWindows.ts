import type * as vscode from 'vscode';
import { AiPassClient } from '../../src/api/client';
import { AiPassAuthProvider, type AuthTiming } from '../../src/auth/authProvider';
import { RefreshLease } from '../../src/auth/refreshLease';
import { SessionStore, type StoredSession } from '../../src/auth/sessionStore';
import { Config } from '../../src/platform/config';
import type { Logger } from '../../src/platform/log';
import type { LogEntry } from '../emulator/types';
import { admin, extensionApi, signOutEverywhere, waitFor } from './helpers';

/**
 * "Several windows" inside one real extension host.
 *
 * Desktop VS Code windows share one OS keychain, so their SecretStorage is shared and `onDidChange`
 * fires in every window. VS Code for the Web (what runs here) keeps SecretStorage in memory per tab,
 * so two tabs cannot share it. The faithful stand-in: each "window" is its own AiPassAuthProvider with
 * its own SessionStore, in-memory cache, refresh map, lease holder id and timers, over the same real
 * `context.secrets` of the extension, against the real emulator with strict refresh-token rotation.
 * Only `secrets` is shared, exactly as between desktop windows.
 */
export interface TestWindow {
	readonly provider: AiPassAuthProvider;
	readonly client: AiPassClient;
	/** Account labels passed to `onSaveFailed` (the "could not save" warning). */
	readonly saveFailures: string[];
	dispose(): void;
}

const quietLog: Logger = { trace() {}, info() {}, warn() {}, error() {}, child() { return quietLog; } };

/** A globalState of one window (the active-session choice is per window here; the first session is used). */
class MemoryMemento implements vscode.Memento {
	private readonly values = new Map<string, unknown>();
	keys(): readonly string[] { return [...this.values.keys()]; }
	get<T>(key: string, defaultValue?: T): T | undefined { return this.values.has(key) ? this.values.get(key) as T : defaultValue; }
	update(key: string, value: unknown): Thenable<void> {
		if (value === undefined) {
			this.values.delete(key);
		} else {
			this.values.set(key, value);
		}
		return Promise.resolve();
	}
}

export async function openWindow(options: { secrets?: vscode.SecretStorage; timing?: Partial<AuthTiming>; config?: Config } = {}): Promise<TestWindow> {
	const { testing } = await extensionApi();
	const secrets = options.secrets ?? testing.secrets;
	const store = new SessionStore(secrets, quietLog);
	const saveFailures: string[] = [];
	const config = options.config ?? new Config();
	const provider = new AiPassAuthProvider({
		store, lease: new RefreshLease(secrets, quietLog), flow: testing.signInFlow, config, log: quietLog, globalState: new MemoryMemento(),
		ensureClientId: () => Promise.resolve(undefined),
		onSaveFailed: label => saveFailures.push(label),
		timing: options.timing,
	});
	const client = new AiPassClient({ baseUrl: () => config.baseUrl, apiBasePath: () => config.apiBasePath, tokens: provider });
	return { provider, client, saveFailures, dispose: () => { provider.dispose(); store.dispose(); } };
}

/** The sessions as SecretStorage holds them now (what every window sees). */
export async function storedSessions(secrets?: vscode.SecretStorage): Promise<StoredSession[]> {
	const { testing } = await extensionApi();
	const store = new SessionStore(secrets ?? testing.secrets, quietLog);
	try {
		return await store.read();
	} finally {
		store.dispose();
	}
}

/** Ages the stored session past its expiry (as if an hour had passed) and waits until every window sees it. */
export async function expireStoredSession(windows: readonly TestWindow[]): Promise<StoredSession> {
	const { testing } = await extensionApi();
	const store = new SessionStore(testing.secrets, quietLog);
	const [stored] = await store.read();
	if (!stored) {
		store.dispose();
		throw new Error('no stored session to expire');
	}
	const expired = { ...stored, expiresAt: Date.now() - 1000 };
	await store.write([expired]);
	store.dispose();
	for (const window of windows) {
		await waitFor('a window to see the expired token', async () => (await window.provider.activeSession())?.expiresAt === expired.expiresAt || undefined);
	}
	return expired;
}

/** Fresh emulator, no session anywhere, consent answered "allow". */
export async function signedOutFresh(): Promise<void> {
	await admin().reset();
	await signOutEverywhere();
	await admin().setConfig({ autoApprove: 'allow' });
}

/** Requests to the token endpoint with this grant type. */
export function tokenRequests(log: LogEntry[], grantType: 'refresh_token' | 'authorization_code'): LogEntry[] {
	return log.filter(e => e.path === '/oauth2/token' && (e.body as Record<string, unknown> | null)?.grantType === grantType);
}

/** Waits until a refresh has reached the server and is still unanswered (held or hung there). */
export async function refreshInFlight(): Promise<void> {
	await waitFor('the refresh to reach the server', async () => tokenRequests(await admin().requests(), 'refresh_token').some(r => r.status === null) || undefined);
}
