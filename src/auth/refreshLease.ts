import type * as vscode from 'vscode';
import type { Logger } from '../platform/log';

/** What a window learns when it asks for the lease. */
export type LeaseAnswer =
	| { readonly acquired: true }
	/** Another window holds it until `until` (epoch ms): wait for its rotation instead of sending the same token. */
	| { readonly acquired: false; readonly until: number };

interface LeaseRecord {
	readonly holder: string;
	readonly until: number;
}

const leaseKeyPrefix = 'aipass.refreshLease.v1.';

/**
 * An advisory lease across windows, so that at most one of them refreshes a session at a time (the
 * others wait for its rotation to reach SecretStorage). SecretStorage has no compare-and-swap, so the
 * lease is "write, then read back": of two windows writing at the same moment the last writer holds it,
 * and both see the same answer. It is advisory: when the lease cannot be read or written (locked
 * keychain), the window goes ahead, and the strict handling of `invalid_grant` still keeps the session.
 * Kept in SecretStorage rather than globalState because globalState is not synchronised between windows
 * promptly enough to arbitrate anything.
 */
export class RefreshLease {
	private readonly holder = globalThis.crypto.randomUUID();

	constructor(
		private readonly secrets: Pick<vscode.SecretStorage, 'get' | 'store' | 'delete'>,
		private readonly log: Logger,
		private readonly now: () => number = Date.now,
	) {}

	async acquire(sessionId: string, durationMs: number): Promise<LeaseAnswer> {
		const key = leaseKeyPrefix + sessionId;
		try {
			const current = parseLease(await this.secrets.get(key));
			if (current && current.holder !== this.holder && current.until > this.now()) {
				return { acquired: false, until: current.until };
			}
			await this.secrets.store(key, JSON.stringify({ holder: this.holder, until: this.now() + durationMs } satisfies LeaseRecord));
			const after = parseLease(await this.secrets.get(key));
			return !after || after.holder === this.holder ? { acquired: true } : { acquired: false, until: after.until };
		} catch (error) {
			this.log.warn(`refresh lease unavailable, refreshing without it (${error instanceof Error ? error.message : String(error)})`);
			return { acquired: true };
		}
	}

	/** Gives the lease up if this window still holds it. */
	async release(sessionId: string): Promise<void> {
		const key = leaseKeyPrefix + sessionId;
		try {
			if (parseLease(await this.secrets.get(key))?.holder === this.holder) {
				await this.secrets.delete(key);
			}
		} catch (error) {
			this.log.warn(`could not release the refresh lease (it expires by itself): ${error instanceof Error ? error.message : String(error)}`);
		}
	}

	/** A lease held by another window, live now. */
	async heldElsewhere(sessionId: string): Promise<number | undefined> {
		try {
			const current = parseLease(await this.secrets.get(leaseKeyPrefix + sessionId));
			return current && current.holder !== this.holder && current.until > this.now() ? current.until : undefined;
		} catch {
			return undefined;
		}
	}
}

function parseLease(raw: string | undefined): LeaseRecord | undefined {
	if (!raw || raw.length > 1000) {
		return undefined;
	}
	try {
		const value: unknown = JSON.parse(raw);
		if (typeof value === 'object' && value !== null) {
			const { holder, until } = value as Record<string, unknown>;
			if (typeof holder === 'string' && typeof until === 'number') {
				return { holder, until };
			}
		}
	} catch {
		// A lease nobody can read is no lease.
	}
	return undefined;
}
