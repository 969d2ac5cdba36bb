import * as vscode from 'vscode';
import type { Logger } from '../platform/log';

/** One signed-in account. Lives only in SecretStorage (it holds the tokens). */
export interface StoredSession {
	readonly id: string;
	readonly accountId: string;
	readonly accountLabel: string;
	/** Sorted. */
	readonly scopes: readonly string[];
	readonly accessToken: string;
	readonly refreshToken: string;
	readonly expiresAt: number;
	readonly clientId: string;
	/** The service origin the tokens belong to (a session is only offered for the current `aipass.baseUrl`). */
	readonly baseUrl: string;
}

/** SecretStorage failed (no keyring, locked keychain...). The stored account is left untouched. */
export class SecretStorageUnavailableError extends Error {
	constructor(readonly operation: 'read' | 'write', cause: unknown) {
		super(vscode.l10n.t('VS Code could not {0} your AI Pass sign-in in its secret storage (the OS keychain or keyring). Your account was not removed. Unlock or set up the keychain, then try again.', operation === 'read' ? 'read' : 'save'));
		this.name = 'SecretStorageUnavailableError';
		this.cause = cause;
	}
}

const secretKey = 'aipass.sessions.v1';

/**
 * All sessions under one secret key, so a rotation in one window is one atomic write that other
 * windows see through `onDidChange`.
 */
export class SessionStore implements vscode.Disposable {
	private readonly changeEmitter = new vscode.EventEmitter<void>();
	private readonly subscription: vscode.Disposable;

	/** Another window (or this one) wrote the sessions. */
	readonly onDidChange = this.changeEmitter.event;

	constructor(private readonly secrets: vscode.SecretStorage, private readonly log: Logger) {
		this.subscription = secrets.onDidChange(e => {
			if (e.key === secretKey) {
				this.changeEmitter.fire();
			}
		});
	}

	async read(): Promise<StoredSession[]> {
		let raw: string | undefined;
		try {
			raw = await this.secrets.get(secretKey);
		} catch (error) {
			this.log.error(`secret storage read failed: ${describe(error)}`);
			throw new SecretStorageUnavailableError('read', error);
		}
		if (!raw) {
			return [];
		}
		try {
			const parsed: unknown = JSON.parse(raw);
			return Array.isArray(parsed) ? parsed.filter(isStoredSession) : [];
		} catch (error) {
			this.log.error(`stored sessions are not valid JSON; ignoring them (${describe(error)})`);
			return [];
		}
	}

	async write(sessions: readonly StoredSession[]): Promise<void> {
		try {
			if (sessions.length === 0) {
				await this.secrets.delete(secretKey);
			} else {
				await this.secrets.store(secretKey, JSON.stringify(sessions));
			}
		} catch (error) {
			this.log.error(`secret storage write failed: ${describe(error)}`);
			throw new SecretStorageUnavailableError('write', error);
		}
	}

	dispose(): void {
		this.subscription.dispose();
		this.changeEmitter.dispose();
	}
}

function isStoredSession(value: unknown): value is StoredSession {
	if (typeof value !== 'object' || value === null) {
		return false;
	}
	const v = value as Record<string, unknown>;
	return typeof v.id === 'string' && typeof v.accountId === 'string' && typeof v.accountLabel === 'string'
		&& Array.isArray(v.scopes) && v.scopes.every(s => typeof s === 'string')
		&& typeof v.accessToken === 'string' && typeof v.refreshToken === 'string' && typeof v.expiresAt === 'number'
		&& typeof v.clientId === 'string' && typeof v.baseUrl === 'string';
}

function describe(error: unknown): string {
	return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
