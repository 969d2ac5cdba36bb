import * as vscode from 'vscode';
import { AbortedError, AuthExpiredError, NetworkError, NotSignedInError, ServerError, TimeoutError } from '../api/errors';
import type { TokenSource } from '../api/tokenSource';
import type { Config } from '../platform/config';
import type { Logger } from '../platform/log';
import { OAuthError, oauthTimeoutMs, refreshTokens, revokeToken, rotatedElsewhere, type TokenSet } from './oauthApi';
import type { RefreshLease } from './refreshLease';
import type { StoredSession, SessionStore } from './sessionStore';
import type { SignInFlow } from './signInFlow';
import { signInSession } from './signInSession';
import { UnsavedRenewals } from './unsavedRenewals';
import { leaveOnAbort, nextEventOrDeadline } from './waits';

export const authProviderId = 'aipass';
export const authProviderLabel = 'AI Pass';
export const supportedScopes = ['api:access', 'profile:read'] as const;
/** Refresh this long before the access token expires. */
const refreshSkewMs = 60_000;
const activeSessionKey = 'aipass.activeSessionId';

/** Time limits of the token machinery. */
export interface AuthTiming {
	/** A whole shared refresh (lease, waits, the token call and one retry) ends by then; also the lease's length. */
	readonly refreshMs: number;
	/** Each call to the token, userinfo endpoints. */
	readonly oauthMs: number;
	/**
	 * After `invalid_grant` for a token storage still holds: how long to wait for another window that may
	 * have won the rotation but not saved it yet, before the session is declared dead.
	 */
	readonly graceMs: number;
	/** Backoff between attempts to save a renewed pair the keychain refused. */
	readonly saveRetryMs: readonly number[];
}

const defaultTiming: AuthTiming = { refreshMs: 75_000, oauthMs: oauthTimeoutMs, graceMs: 3_000, saveRetryMs: [2_000, 5_000, 15_000, 60_000] };

export interface AuthProviderDeps {
	readonly store: SessionStore;
	/** The cross-window refresh lease (over the same SecretStorage as `store`). */
	readonly lease: RefreshLease;
	readonly flow: SignInFlow;
	readonly config: Config;
	readonly log: Logger;
	readonly globalState: vscode.Memento;
	/** Asks for a client ID when none is configured; resolves to one, or undefined when the user gave up. */
	readonly ensureClientId: () => Promise<string | undefined>;
	/** Tells the user their session ended and offers to sign in again (never blocks the caller). */
	readonly onSessionExpired?: (accountLabel: string) => void;
	/** Tells the user a renewed sign-in could not be saved in the keychain (kept in memory, saving retried). */
	readonly onSaveFailed?: (accountLabel: string) => void;
	readonly timing?: Partial<AuthTiming>;
	readonly fetch?: typeof fetch;
}

/**
 * AI Pass accounts in VS Code's Accounts menu. Sessions (with their tokens) live only in SecretStorage;
 * the cached copy is a promise so concurrent readers share one read.
 *
 * Several windows share that storage. A refresh therefore treats storage as the truth: a window first
 * takes a lease (so that usually one window refreshes), adopts a pair another window stored, re-reads
 * storage before any retry and before believing `invalid_grant`, and writes compare-and-swap on the
 * refresh token. A session removed meanwhile is never written back; the pair obtained for it is revoked.
 */
export class AiPassAuthProvider implements vscode.AuthenticationProvider, TokenSource, vscode.Disposable {
	private readonly changeEmitter = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
	private readonly disposables: vscode.Disposable[] = [this.changeEmitter];
	private sessions: Promise<StoredSession[]>;
	private readonly refreshes = new Map<string, Promise<StoredSession>>();
	private readonly refreshAborts = new Set<AbortController>();
	private readonly unsaved: UnsavedRenewals;
	private saving: Promise<void> | undefined;
	private readonly timing: AuthTiming;

	readonly onDidChangeSessions = this.changeEmitter.event;

	constructor(private readonly deps: AuthProviderDeps) {
		this.timing = { ...defaultTiming, ...deps.timing };
		this.unsaved = new UnsavedRenewals({
			retryMs: this.timing.saveRetryMs,
			save: () => this.saveUnsaved(),
			revoke: session => {
				this.deps.log.info('a session with unsaved renewed tokens was signed out; revoking them');
				void this.revoke(session);
			},
		});
		this.disposables.push(this.unsaved);
		this.sessions = deps.store.read();
		this.sessions.catch(error => deps.log.error(error instanceof Error ? error : String(error)));
		this.disposables.push(deps.store.onDidChange(() => this.syncFromStorage()));
	}

	get clientId(): string | undefined {
		return this.deps.config.clientId;
	}

	/** Sessions whose renewed tokens are only in memory (the keychain refused them); saving is retried. */
	get unsavedCount(): number {
		return this.unsaved.size;
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
		const session = await signInSession({
			flow: this.deps.flow, log, fetch: this.deps.fetch, oauthMs: this.timing.oauthMs,
			revoke: pair => void this.revoke(pair),
		}, baseUrl, clientId, requested).catch((error: unknown) => {
			log.info(`sign-in ended without a session: ${error instanceof vscode.CancellationError ? 'cancelled' : error instanceof Error ? error.name : 'error'}`);
			throw error;
		});
		if (options?.account && options.account.id !== session.accountId) {
			log.warn('signed in with a different account than the one asked for');
		}
		try {
			await this.saveNewSession(session);
		} catch (error) {
			log.warn('the new session could not be saved; revoking its tokens');
			void this.revoke(session);
			throw error;
		}
		log.info(`signed in (${session.scopes.length} scopes)`);
		return toAuthenticationSession(session);
	}

	/** Forgets the session locally first, then revokes its tokens at the server (best effort). */
	async removeSession(sessionId: string): Promise<void> {
		// Storage, not this window's cache, is what the other windows see: remove from what it holds now.
		const all = await this.readStorage().catch(() => this.sessions);
		const session = all.find(s => s.id === sessionId) ?? (await this.currentSessions()).find(s => s.id === sessionId);
		if (!session) {
			return;
		}
		this.unsaved.delete(sessionId);
		await this.commit(all.filter(s => s.id !== sessionId));
		if (this.deps.globalState.get(activeSessionKey) === sessionId) {
			await this.deps.globalState.update(activeSessionKey, undefined);
		}
		this.changeEmitter.fire({ added: [], removed: [toAuthenticationSession(session)], changed: [] });
		this.deps.log.info('signed out; revoking tokens');
		await this.revoke(session);
	}

	/**
	 * A current access token of the active session. Refreshes when it is within 60 s of expiry (or when
	 * forced after a 401); concurrent callers share one refresh, which has a time limit of its own. A
	 * caller whose `signal` aborts leaves at once with `AbortedError`; the refresh goes on for the others.
	 */
	async getAccessToken(options?: { forceRefresh?: boolean; rejectedToken?: string; signal?: AbortSignal }): Promise<string> {
		const cancelled = (): AbortedError => new AbortedError('access token: cancelled while waiting');
		if (options?.signal?.aborted) {
			throw cancelled();
		}
		if (this.unsaved.size > 0) {
			void this.saveUnsaved();
		}
		const session = await leaveOnAbort(this.activeSession(), options?.signal, cancelled);
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
			refresh = this.sharedRefresh(session, options?.rejectedToken ?? (options?.forceRefresh ? session.accessToken : undefined))
				.finally(() => this.refreshes.delete(session.id));
			// Every caller may have left by the time it fails; the failure is logged, not unhandled.
			refresh.catch(() => undefined);
			this.refreshes.set(session.id, refresh);
		}
		return (await leaveOnAbort(refresh, options?.signal, cancelled)).accessToken;
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
		this.refreshAborts.forEach(controller => controller.abort(new AbortedError('the AI Pass sign-in is shutting down')));
		this.disposables.forEach(d => d.dispose());
	}

	private async currentSessions(): Promise<StoredSession[]> {
		const baseUrl = this.deps.config.configuredBaseUrl;
		let sessions: StoredSession[];
		try {
			sessions = await this.sessions;
		} catch {
			// The last read failed (keychain locked?): try again now rather than caching the failure.
			this.sessions = this.readStorage();
			sessions = await this.sessions;
		}
		return sessions.filter(s => s.baseUrl === baseUrl);
	}

	/** What storage holds, with this window's unsaved renewals laid over it. */
	private async readStorage(): Promise<StoredSession[]> {
		return this.unsaved.overlay(await this.deps.store.read());
	}

	/** One session as storage has it now; when storage cannot be read, as this window last knew it. */
	private async storedSession(id: string): Promise<StoredSession | undefined> {
		try {
			return (await this.readStorage()).find(s => s.id === id);
		} catch (error) {
			this.deps.log.warn(`secret storage unreadable; going on with this window's copy (${error instanceof Error ? error.message : String(error)})`);
			return (await this.sessions.catch((): StoredSession[] => [])).find(s => s.id === id);
		}
	}

	/** One refresh per session in this window, under its own time limit. */
	private async sharedRefresh(session: StoredSession, rejectedToken: string | undefined): Promise<StoredSession> {
		const controller = new AbortController();
		const limit = this.timing.refreshMs;
		const timer = setTimeout(() => controller.abort(new TimeoutError(`token refresh: not done within ${limit} ms`)), limit);
		this.refreshAborts.add(controller);
		try {
			return await this.refresh(session, rejectedToken, controller.signal);
		} catch (error) {
			const reason: unknown = controller.signal.aborted ? controller.signal.reason : error;
			this.deps.log.warn(`refresh ended without a token: ${reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason)}`);
			throw reason;
		} finally {
			clearTimeout(timer);
			this.refreshAborts.delete(controller);
		}
	}

	private async refresh(session: StoredSession, rejectedToken: string | undefined, signal: AbortSignal): Promise<StoredSession> {
		for (;;) {
			signal.throwIfAborted();
			// Another window may already have rotated the pair: use what storage holds if it is newer.
			const stored = await this.storedSession(session.id);
			if (!stored) {
				throw new NotSignedInError('signed out (here or in another window) before the token was refreshed');
			}
			if (stored.refreshToken !== session.refreshToken && isFresh(stored) && stored.accessToken !== rejectedToken) {
				return this.adopt(stored);
			}
			// The lease lasts as long as a whole refresh may.
			const lease = await this.deps.lease.acquire(session.id, this.timing.refreshMs);
			if (!lease.acquired) {
				this.deps.log.info('another window is refreshing this session; waiting for its tokens');
				await nextEventOrDeadline(this.deps.store.onDidChange, lease.until, signal);
				continue;
			}
			try {
				// The window that held the lease before may have saved its rotation just now.
				if ((await this.storedSession(session.id))?.refreshToken !== stored.refreshToken) {
					continue;
				}
				return await this.rotate(stored, signal);
			} finally {
				await this.deps.lease.release(session.id);
			}
		}
	}

	private async rotate(stored: StoredSession, signal: AbortSignal): Promise<StoredSession> {
		this.deps.log.info('refreshing the access token');
		let tokens: TokenSet;
		try {
			tokens = await refreshTokens({
				baseUrl: stored.baseUrl, clientId: stored.clientId, fetch: this.deps.fetch, refreshToken: stored.refreshToken, signal, timeoutMs: this.timing.oauthMs,
				// Before the 503 retry: a token another window rotated meanwhile is dead, never resent.
				stillCurrent: async () => (await this.storedSession(stored.id))?.refreshToken === stored.refreshToken,
			});
		} catch (error) {
			if (signal.aborted) {
				throw signal.reason;
			}
			return this.afterFailedRefresh(stored, error, signal);
		}
		return this.saveRotated(stored, tokens);
	}

	/** Storage decides what a failed refresh means: another window's rotation, a sign-out, or a dead grant. */
	private async afterFailedRefresh(sent: StoredSession, error: unknown, signal: AbortSignal): Promise<StoredSession> {
		const oauthError = error instanceof OAuthError ? error : undefined;
		const rejected = oauthError !== undefined && (oauthError.isTerminal || oauthError.error === rotatedElsewhere);
		let current = await this.storedSession(sent.id);
		if (rejected && current?.refreshToken === sent.refreshToken) {
			// The window that won the rotation may not have saved its pair yet: give it a moment.
			const until = Math.max(Date.now() + this.timing.graceMs, await this.deps.lease.heldElsewhere(sent.id) ?? 0);
			while (current?.refreshToken === sent.refreshToken && Date.now() < until) {
				await nextEventOrDeadline(this.deps.store.onDidChange, until, signal);
				current = await this.storedSession(sent.id);
			}
		}
		if (!current) {
			throw new NotSignedInError('signed out (here or in another window) while the token was refreshed');
		}
		if (current.refreshToken !== sent.refreshToken) {
			this.deps.log.info('another window rotated the tokens; using its pair');
			return this.adopt(current);
		}
		if (rejected) {
			if (!await this.dropSession(sent)) {
				return this.afterFailedRefresh(sent, error, signal);
			}
			this.deps.log.warn(`refresh rejected (${oauthError.error}); the session is removed`);
			throw new AuthExpiredError();
		}
		this.deps.log.warn(`refresh failed, session kept: ${error instanceof Error ? error.message : String(error)}`);
		const message = `Token refresh failed: ${error instanceof Error ? error.message : String(error)}`;
		if (oauthError?.error === 'timeout') {
			throw new TimeoutError(message);
		}
		throw oauthError?.status !== undefined ? new ServerError(message) : new NetworkError(message);
	}

	/** Another window's pair: this window uses it without writing anything. */
	private async adopt(stored: StoredSession): Promise<StoredSession> {
		this.deps.log.info('using the token pair another window refreshed');
		const cached = await this.sessions.catch((): StoredSession[] => []);
		const before = cached.find(s => s.id === stored.id);
		this.sessions = Promise.resolve(before ? cached.map(s => s.id === stored.id ? stored : s) : [...cached, stored]);
		if (before?.accessToken !== stored.accessToken) {
			this.changeEmitter.fire({ added: [], removed: [], changed: [toAuthenticationSession(stored)] });
		}
		return stored;
	}

	/**
	 * Compare-and-swap on the refresh token: the rotated pair is written only if storage still holds the
	 * token it was rotated from. A session gone from storage is not re-added (its new pair is revoked);
	 * a keychain that refuses the write leaves the pair in memory, saved later.
	 */
	private async saveRotated(from: StoredSession, tokens: TokenSet): Promise<StoredSession> {
		const rotated: StoredSession = { ...from, accessToken: tokens.accessToken, refreshToken: tokens.refreshToken ?? from.refreshToken, expiresAt: tokens.expiresAt, scopes: tokens.scopes ?? from.scopes };
		const expected = this.unsaved.storedRefreshToken(from.id) ?? from.refreshToken;
		let raw: StoredSession[];
		try {
			raw = await this.deps.store.read();
		} catch (error) {
			return this.keepUnsaved(rotated, expected, error);
		}
		const current = raw.find(s => s.id === from.id);
		if (!current) {
			this.deps.log.info('the session was signed out while its token was refreshed; revoking the new pair');
			this.unsaved.delete(from.id);
			void this.revoke(rotated);
			throw new NotSignedInError('signed out while the token was being refreshed');
		}
		if (current.refreshToken !== expected) {
			// Storage moved on meanwhile (not expected with strict rotation): it wins, ours is revoked.
			this.deps.log.warn('storage holds another pair than the one refreshed; keeping it and revoking ours');
			this.unsaved.delete(from.id);
			void this.revoke(rotated);
			return this.adopt(current);
		}
		const next = this.unsaved.overlay(raw).map(s => s.id === from.id ? rotated : s);
		// The cache first, so that the echo of this write through `onDidChange` finds nothing new.
		this.sessions = Promise.resolve(next);
		try {
			await this.deps.store.write(next);
		} catch (error) {
			return this.keepUnsaved(rotated, expected, error);
		}
		this.unsaved.delete(from.id);
		this.changeEmitter.fire({ added: [], removed: [], changed: [toAuthenticationSession(rotated)] });
		return rotated;
	}

	/** The old refresh token is already dead: losing the rotated pair would sign the user out. */
	private async keepUnsaved(rotated: StoredSession, storedRefreshToken: string, error: unknown): Promise<StoredSession> {
		this.deps.log.warn(`could not save the renewed tokens; kept in memory, saving is retried (${error instanceof Error ? error.message : String(error)})`);
		const first = this.unsaved.add(rotated, storedRefreshToken);
		const cached = await this.sessions.catch((): StoredSession[] => []);
		this.sessions = Promise.resolve(cached.some(s => s.id === rotated.id) ? cached.map(s => s.id === rotated.id ? rotated : s) : [...cached, rotated]);
		this.changeEmitter.fire({ added: [], removed: [], changed: [toAuthenticationSession(rotated)] });
		if (first) {
			this.deps.onSaveFailed?.(rotated.accountLabel);
		}
		return rotated;
	}

	/** Tries again to save renewals the keychain refused (on each token request and on a backoff timer). */
	private saveUnsaved(): Promise<void> {
		this.saving ??= (async () => {
			try {
				const next = await this.readStorage();
				const pending = this.unsaved.ids;
				if (pending.length === 0) {
					return;
				}
				this.sessions = Promise.resolve(next);
				await this.deps.store.write(next);
				pending.forEach(id => this.unsaved.delete(id));
				this.deps.log.info('saved the renewed tokens the keychain had refused');
			} catch (error) {
				this.deps.log.warn(`still cannot save the renewed tokens (${error instanceof Error ? error.message : String(error)})`);
				this.unsaved.scheduleRetry();
			}
		})().finally(() => { this.saving = undefined; });
		return this.saving;
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

	/**
	 * After `invalid_grant`: removes the session only if storage still holds the token that was rejected
	 * (compare-and-swap); false when storage moved on meanwhile.
	 */
	private async dropSession(session: StoredSession): Promise<boolean> {
		const all = await this.deps.store.read();
		const stored = all.find(s => s.id === session.id);
		const expected = this.unsaved.storedRefreshToken(session.id) ?? session.refreshToken;
		if (stored && stored.refreshToken !== expected) {
			return false;
		}
		this.unsaved.delete(session.id);
		if (stored) {
			await this.commit(all.filter(s => s.id !== session.id));
		}
		this.changeEmitter.fire({ added: [], removed: [toAuthenticationSession(session)], changed: [] });
		this.deps.onSessionExpired?.(session.accountLabel);
		return true;
	}

	private async saveNewSession(session: StoredSession): Promise<void> {
		const all = await this.readStorage();
		// Signing in again to the same account with the same scopes replaces that session.
		const replaced = all.filter(s => s.accountId === session.accountId && s.baseUrl === session.baseUrl && sameScopes(s.scopes, session.scopes));
		const next = [...all.filter(s => !replaced.includes(s)), session];
		await this.commit(next);
		await this.deps.globalState.update(activeSessionKey, session.id);
		this.changeEmitter.fire({ added: [toAuthenticationSession(session)], removed: replaced.map(toAuthenticationSession), changed: [] });
		for (const old of replaced) {
			this.unsaved.delete(old.id);
			await this.revoke(old);
		}
	}

	private async revoke(session: Pick<StoredSession, 'baseUrl' | 'clientId' | 'accessToken' | 'refreshToken'>): Promise<void> {
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
			next = await this.readStorage();
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

function isFresh(session: StoredSession): boolean {
	return session.expiresAt - Date.now() > refreshSkewMs;
}

export function normalizeScopes(scopes: readonly string[]): string[] {
	return [...new Set(scopes.flatMap(s => s.split(/\s+/)).filter(Boolean))].sort();
}

function sameScopes(a: readonly string[], b: readonly string[]): boolean {
	return a.length === b.length && a.every((scope, i) => scope === b[i]);
}

function toAuthenticationSession(session: StoredSession): vscode.AuthenticationSession {
	return {
		id: session.id,
		accessToken: session.accessToken,
		account: { id: session.accountId, label: session.accountLabel },
		scopes: session.scopes,
	};
}
