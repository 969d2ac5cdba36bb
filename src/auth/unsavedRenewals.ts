import type * as vscode from 'vscode';
import type { StoredSession } from './sessionStore';

/** A rotated pair the keychain refused, kept in memory until it can be saved. */
interface UnsavedPair {
	readonly session: StoredSession;
	/** The refresh token storage still holds for this session (already dead at the server). */
	readonly storedRefreshToken: string;
}

export interface UnsavedRenewalsDeps {
	/** Backoff between attempts to save; the last value repeats. */
	readonly retryMs: readonly number[];
	/** Tries to save every unsaved pair (called by the backoff timer). */
	readonly save: () => Promise<void>;
	/** A pair whose session was signed out meanwhile: it must die at the server. */
	readonly revoke: (session: StoredSession) => void;
}

/**
 * Renewed token pairs that one window holds only in memory because SecretStorage refused them. The old
 * refresh token is dead once the server rotated it, so forgetting the new pair would sign the user out;
 * instead it is laid over what storage holds until a save succeeds.
 */
export class UnsavedRenewals implements vscode.Disposable {
	private readonly pairs = new Map<string, UnsavedPair>();
	private timer: ReturnType<typeof setTimeout> | undefined;
	private attempts = 0;

	constructor(private readonly deps: UnsavedRenewalsDeps) {}

	get size(): number {
		return this.pairs.size;
	}

	get ids(): string[] {
		return [...this.pairs.keys()];
	}

	/** The refresh token storage holds for `id` while its renewal is unsaved. */
	storedRefreshToken(id: string): string | undefined {
		return this.pairs.get(id)?.storedRefreshToken;
	}

	/** Keeps `session` in memory; true when it is the first unsaved pair (time to tell the user). */
	add(session: StoredSession, storedRefreshToken: string): boolean {
		const first = this.pairs.size === 0;
		this.pairs.set(session.id, { session, storedRefreshToken });
		if (first) {
			this.attempts = 0;
		}
		this.scheduleRetry();
		return first;
	}

	delete(id: string): void {
		this.pairs.delete(id);
		if (this.pairs.size === 0) {
			clearTimeout(this.timer);
			this.timer = undefined;
		}
	}

	/**
	 * What storage holds with the unsaved pairs laid over it. A session gone from storage (signed out in
	 * any window) takes its unsaved pair with it: revoked, never written back. A session whose stored
	 * refresh token moved on is left to storage.
	 */
	overlay(stored: StoredSession[]): StoredSession[] {
		let result = stored;
		for (const [id, pair] of [...this.pairs]) {
			const current = stored.find(s => s.id === id);
			if (!current || current.refreshToken !== pair.storedRefreshToken) {
				this.delete(id);
				if (!current) {
					this.deps.revoke(pair.session);
				}
				continue;
			}
			result = result.map(s => s.id === id ? pair.session : s);
		}
		return result;
	}

	/** Arms the backoff timer unless it runs already or nothing is unsaved. */
	scheduleRetry(): void {
		if (this.timer !== undefined || this.pairs.size === 0) {
			return;
		}
		const backoff = this.deps.retryMs;
		const delay = backoff[Math.min(this.attempts, backoff.length - 1)] ?? 60_000;
		this.attempts++;
		this.timer = setTimeout(() => {
			this.timer = undefined;
			void this.deps.save();
		}, delay);
	}

	dispose(): void {
		clearTimeout(this.timer);
		this.timer = undefined;
	}
}
