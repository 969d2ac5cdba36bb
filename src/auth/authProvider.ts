import * as vscode from 'vscode';
import { AuthExpiredError, NetworkError, NotSignedInError, ServerError } from '../api/errors';
import type { TokenSource } from '../api/tokenSource';
import type { Config } from '../config';
import type { Logger } from '../log';
import { exchangeCode, fetchUserInfo, OAuthError, refreshTokens, revokeToken, type TokenSet } from './oauthApi';
import type { StoredSession, SessionStore } from './sessionStore';
import type { SignInFlow } from './signInFlow';

export const authProviderId = 'aipass';
export const authProviderLabel = 'AI Pass';
export const supportedScopes = ['api:access', 'profile:read'] as const;
/** Refresh this long before the access token expires. */
const refreshSkewMs = 60_000;
const activeSessionKey = 'aipass.activeSessionId';

export interface AuthProviderDeps {
	readonly store: SessionStore;
	readonly flow: SignInFlow;
	readonly config: Config;
	readonly log: Logger;
	readonly globalState: vscode.Memento;
	/** Asks for a client ID when none is configured; resolves to one, or undefined when the user gave up. */
	readonly ensureClientId: () => Promise<string | undefined>;
	/** Tells the user their session ended and offers to sign in again (never blocks the caller). */
	readonly onSessionExpired?: (accountLabel: string) => void;
	readonly fetch?: typeof fetch;
}

/**
 * AI Pass accounts in VS Code's Accounts menu. Sessions (with their tokens) live only in SecretStorage;
 * the cached copy is a promise so concurrent readers share one read.
 */
export class AiPassAuthProvider implements vscode.AuthenticationProvider, TokenSource, vscode.Disposable {
	private readonly changeEmitter = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
	private readonly disposables: vscode.Disposable[] = [this.changeEmitter];
	private sessions: Promise<StoredSession[]>;
	private readonly refreshes = new Map<string, Promise<StoredSession>>();

	readonly onDidChangeSessions = this.changeEmitter.event;

	constructor(private readonly deps: AuthProviderDeps) {
		this.sessions = deps.store.read();
		this.sessions.catch(error => deps.log.error(error instanceof Error ? error : String(error)));
		this.disposables.push(deps.store.onDidChange(() => this.syncFromStorage()));
	}

	get clientId(): string | undefined {
		return this.deps.config.clientId;
	}

	/** Never shows UI. Sessions of the current service whose scopes include every requested scope. */
	async getSessions(scopes?: readonly string[], options?: vscode.AuthenticationProviderSessionOptions): Promise<vscode.AuthenticationSession[]> {
		const wanted = normalizeScopes(scopes ?? []);
		const sessions = (await this.currentSessions()).filter(s => wanted.every(scope => s.scopes.includes(scope))
			&& (!options?.account || options.account.id === s.accountId));
		return sessions.map(toAuthenticationSession);
	}

	/** The only interactive path: browser sign-in with PKCE, then the account from /oauth2/userinfo. */
	async createSession(scopes: readonly string[], options?: vscode.AuthenticationProviderSessionOptions): Promise<vscode.AuthenticationSession> {
		const requested = normalizeScopes([...scopes, ...supportedScopes]);
		const unsupported = requested.filter(scope => !(supportedScopes as readonly string[]).includes(scope));
		if (unsupported.length > 0) {
			throw new Error(vscode.l10n.t('AI Pass does not offer the scope(s) {0}.', unsupported.join(', ')));
		}
		const clientId = this.deps.config.clientId ?? await this.deps.ensureClientId();
		if (!clientId) {
			throw new vscode.CancellationError();
		}
		const baseUrl = this.deps.config.baseUrl;
		const log = this.deps.log;
		log.info(`sign-in started (${requested.join(' ')})`);
		const session = await this.signIn(baseUrl, clientId, requested).catch((error: unknown) => {
			log.info(`sign-in ended without a session: ${error instanceof vscode.CancellationError ? 'cancelled' : error instanceof Error ? error.name : 'error'}`);
			throw error;
		});
		if (options?.account && options.account.id !== session.accountId) {
			log.warn('signed in with a different account than the one asked for');
		}
		await this.saveNewSession(session);
		log.info(`signed in (${requested.length} scopes)`);
		return toAuthenticationSession(session);
	}

	private async signIn(baseUrl: string, clientId: string, requested: readonly string[]): Promise<StoredSession> {
		return vscode.window.withProgress({
			location: vscode.ProgressLocation.Notification,
			title: vscode.l10n.t('Signing in to AI Pass…'),
			cancellable: true,
		}, async (progress, token) => {
			progress.report({ message: vscode.l10n.t('Complete the sign-in in your browser.') });
			const grant = await this.deps.flow.authorize(baseUrl, clientId, requested, token);
			progress.report({ message: vscode.l10n.t('Finishing sign-in…') });
			const tokens = await exchangeCode({ baseUrl, clientId, fetch: this.deps.fetch, code: grant.code, codeVerifier: grant.codeVerifier, redirectUri: grant.redirectUri });
			const user = await fetchUserInfo({ baseUrl, clientId, fetch: this.deps.fetch, accessToken: tokens.accessToken });
			return buildSession(tokens, requested, user, clientId, baseUrl);
		});
	}

	/** Forgets the session locally first, then revokes its tokens at the server (best effort). */
	async removeSession(sessionId: string): Promise<void> {
		const all = await this.sessions;
		const session = all.find(s => s.id === sessionId);
		if (!session) {
			return;
		}
		const remaining = all.filter(s => s.id !== sessionId);
		await this.commit(remaining);
		if (this.deps.globalState.get(activeSessionKey) === sessionId) {
			await this.deps.globalState.update(activeSessionKey, undefined);
		}
		this.changeEmitter.fire({ added: [], removed: [toAuthenticationSession(session)], changed: [] });
		this.deps.log.info('signed out; revoking tokens');
		await this.revoke(session);
	}

	/**
	 * A current access token of the active session. Refreshes when it is within 60 s of expiry (or when
	 * forced after a 401); concurrent callers share one refresh.
	 */
	async getAccessToken(options?: { forceRefresh?: boolean; rejectedToken?: string }): Promise<string> {
		const session = await this.activeSession();
		if (!session) {
			throw new NotSignedInError();
		}
		if (options?.rejectedToken && options.rejectedToken !== session.accessToken && session.expiresAt - Date.now() > refreshSkewMs) {
			return session.accessToken;
		}
		if (!options?.forceRefresh && session.expiresAt - Date.now() > refreshSkewMs) {
			return session.accessToken;
		}
		let refresh = this.refreshes.get(session.id);
		if (!refresh) {
			refresh = this.refresh(session, options?.rejectedToken ?? (options?.forceRefresh ? session.accessToken : undefined))
				.finally(() => this.refreshes.delete(session.id));
			this.refreshes.set(session.id, refresh);
		}
		return (await refresh).accessToken;
	}

	/** The session API calls use: the last one signed in to, else the first. */
	async activeSession(): Promise<StoredSession | undefined> {
		const sessions = await this.currentSessions();
		const activeId = this.deps.globalState.get<string>(activeSessionKey);
		return sessions.find(s => s.id === activeId) ?? sessions[0];
	}

	async setActiveSession(sessionId: string): Promise<void> {
		await this.deps.globalState.update(activeSessionKey, sessionId);
	}

	cancelPendingSignIns(): void {
		this.deps.flow.cancelPending();
	}

	dispose(): void {
		this.disposables.forEach(d => d.dispose());
	}

	private async currentSessions(): Promise<StoredSession[]> {
		const baseUrl = this.deps.config.configuredBaseUrl;
		let sessions: StoredSession[];
		try {
			sessions = await this.sessions;
		} catch {
			// The last read failed (keychain locked?): try again now rather than caching the failure.
			this.sessions = this.deps.store.read();
			sessions = await this.sessions;
		}
		return sessions.filter(s => s.baseUrl === baseUrl);
	}

	private async refresh(session: StoredSession, rejectedToken: string | undefined): Promise<StoredSession> {
		// Another window may already have rotated the pair: use what storage holds if it is newer.
		const stored = (await this.deps.store.read()).find(s => s.id === session.id);
		if (!stored) {
			this.sessions = Promise.resolve(await this.deps.store.read());
			throw new NotSignedInError();
		}
		const storedIsFresh = stored.expiresAt - Date.now() > refreshSkewMs;
		if (stored.accessToken !== session.accessToken && storedIsFresh && stored.accessToken !== rejectedToken) {
			this.deps.log.info('using the token pair another window refreshed');
			await this.replaceSession(stored);
			return stored;
		}
		this.deps.log.info('refreshing the access token');
		let tokens: TokenSet;
		try {
			tokens = await refreshTokens({ baseUrl: stored.baseUrl, clientId: stored.clientId, fetch: this.deps.fetch, refreshToken: stored.refreshToken });
		} catch (error) {
			if (error instanceof OAuthError && error.isTerminal) {
				this.deps.log.warn(`refresh rejected (${error.error}); the session is removed`);
				await this.dropSession(stored);
				throw new AuthExpiredError();
			}
			this.deps.log.warn(`refresh failed, session kept: ${error instanceof Error ? error.message : String(error)}`);
			const message = `Token refresh failed: ${error instanceof Error ? error.message : String(error)}`;
			throw error instanceof OAuthError && error.status !== undefined ? new ServerError(message) : new NetworkError(message);
		}
		const rotated: StoredSession = { ...stored, accessToken: tokens.accessToken, refreshToken: tokens.refreshToken ?? stored.refreshToken, expiresAt: tokens.expiresAt, scopes: tokens.scopes ?? stored.scopes };
		// Persist the rotated pair before anyone uses it: the old refresh token is already dead.
		await this.replaceSession(rotated);
		return rotated;
	}

	/**
	 * Writes the sessions. The cache is updated first so that the echo of our own write through
	 * `secrets.onDidChange` finds nothing new; a failed write restores it.
	 */
	private async commit(next: StoredSession[]): Promise<void> {
		const previous = this.sessions;
		this.sessions = Promise.resolve(next);
		try {
			await this.deps.store.write(next);
		} catch (error) {
			this.sessions = previous;
			throw error;
		}
	}

	private async replaceSession(session: StoredSession): Promise<void> {
		const all = await this.deps.store.read();
		const next = all.some(s => s.id === session.id) ? all.map(s => s.id === session.id ? session : s) : [...all, session];
		await this.commit(next);
		this.changeEmitter.fire({ added: [], removed: [], changed: [toAuthenticationSession(session)] });
	}

	private async dropSession(session: StoredSession): Promise<void> {
		const remaining = (await this.deps.store.read()).filter(s => s.id !== session.id);
		await this.commit(remaining);
		this.changeEmitter.fire({ added: [], removed: [toAuthenticationSession(session)], changed: [] });
		this.deps.onSessionExpired?.(session.accountLabel);
	}

	private async saveNewSession(session: StoredSession): Promise<void> {
		const all = await this.deps.store.read();
		// Signing in again to the same account with the same scopes replaces that session.
		const replaced = all.filter(s => s.accountId === session.accountId && s.baseUrl === session.baseUrl && sameScopes(s.scopes, session.scopes));
		const next = [...all.filter(s => !replaced.includes(s)), session];
		await this.commit(next);
		await this.deps.globalState.update(activeSessionKey, session.id);
		this.changeEmitter.fire({ added: [toAuthenticationSession(session)], removed: replaced.map(toAuthenticationSession), changed: [] });
		for (const old of replaced) {
			await this.revoke(old);
		}
	}

	private async revoke(session: StoredSession): Promise<void> {
		// Refresh token first: revoking it also ends the access tokens issued from it.
		for (const [token, hint] of [[session.refreshToken, 'refresh_token'], [session.accessToken, 'access_token']] as const) {
			try {
				await revokeToken({ baseUrl: session.baseUrl, clientId: session.clientId, fetch: this.deps.fetch, token, hint });
			} catch (error) {
				this.deps.log.warn(`revocation of the ${hint.replace('_', ' ')} failed (ignored: the session is already forgotten): ${error instanceof Error ? error.message : String(error)}`);
			}
		}
	}

	/** Another window wrote the sessions: re-read, diff, and announce only real changes. */
	private async syncFromStorage(): Promise<void> {
		let previous: StoredSession[];
		let next: StoredSession[];
		try {
			previous = await this.sessions;
		} catch {
			previous = [];
		}
		try {
			next = await this.deps.store.read();
		} catch (error) {
			this.deps.log.error(error instanceof Error ? error : String(error));
			return;
		}
		this.sessions = Promise.resolve(next);
		const before = new Map(previous.map(s => [s.id, s]));
		const after = new Map(next.map(s => [s.id, s]));
		const added = next.filter(s => !before.has(s.id));
		const removed = previous.filter(s => !after.has(s.id));
		const changed = next.filter(s => before.has(s.id) && before.get(s.id)!.accessToken !== s.accessToken);
		if (added.length + removed.length + changed.length > 0) {
			this.changeEmitter.fire({ added: added.map(toAuthenticationSession), removed: removed.map(toAuthenticationSession), changed: changed.map(toAuthenticationSession) });
		}
	}
}

export function normalizeScopes(scopes: readonly string[]): string[] {
	return [...new Set(scopes.flatMap(s => s.split(/\s+/)).filter(Boolean))].sort();
}

function sameScopes(a: readonly string[], b: readonly string[]): boolean {
	return a.length === b.length && a.every((scope, i) => scope === b[i]);
}

function buildSession(tokens: TokenSet, requested: readonly string[], user: { sub: string; name?: string; email?: string; preferredUsername?: string }, clientId: string, baseUrl: string): StoredSession {
	return {
		id: globalThis.crypto.randomUUID(),
		accountId: user.sub,
		accountLabel: user.email ?? user.name ?? user.preferredUsername ?? user.sub,
		scopes: tokens.scopes ?? [...requested],
		accessToken: tokens.accessToken,
		refreshToken: tokens.refreshToken!,
		expiresAt: tokens.expiresAt,
		clientId,
		baseUrl,
	};
}

function toAuthenticationSession(session: StoredSession): vscode.AuthenticationSession {
	return {
		id: session.id,
		accessToken: session.accessToken,
		account: { id: session.accountId, label: session.accountLabel },
		scopes: session.scopes,
	};
}
