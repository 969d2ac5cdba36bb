import type * as vscode from 'vscode';
import type { Logger } from '../platform/log';

/** What the authorization server sent back to the redirect URI. */
export type CallbackResult =
	| { readonly kind: 'code'; readonly code: string }
	| { readonly kind: 'error'; readonly error: string; readonly description: string | undefined };

export const callbackPath = '/callback';

/**
 * The extension's `UriHandler`. Each sign-in attempt registers its `state`; a callback resolves only the
 * attempt whose state matches exactly, once. Anything else (stray, replayed, foreign) is ignored and
 * logged without its values.
 */
export class CallbackRouter implements vscode.UriHandler {
	private readonly pending = new Map<string, (result: CallbackResult) => void>();
	private ignored = 0;

	constructor(private readonly log: Logger) {}

	get pendingCount(): number {
		return this.pending.size;
	}

	/** Callbacks dropped because no pending attempt had their state (stray, forged or replayed). */
	get ignoredCount(): number {
		return this.ignored;
	}

	/** Waits for the callback carrying `state`. Dispose the result to stop waiting. */
	expect(state: string): { readonly result: Promise<CallbackResult>; dispose(): void } {
		let resolveResult!: (result: CallbackResult) => void;
		const result = new Promise<CallbackResult>(resolve => { resolveResult = resolve; });
		this.pending.set(state, resolveResult);
		return { result, dispose: () => { this.pending.delete(state); } };
	}

	handleUri(uri: vscode.Uri): void {
		if (uri.path !== callbackPath) {
			this.log.warn(`ignored a URI for an unknown path (${uri.path.length} chars)`);
			return;
		}
		const params = new URLSearchParams(uri.query);
		const state = params.get('state');
		const resolve = state === null ? undefined : this.pending.get(state);
		if (!state || !resolve) {
			this.ignored++;
			this.log.warn(`ignored a sign-in callback that matches no pending sign-in (${this.pending.size} pending)`);
			return;
		}
		this.pending.delete(state);
		const error = params.get('error');
		const code = params.get('code');
		if (error) {
			this.log.info(`sign-in callback carried an error: ${sanitizeErrorCode(error)}`);
			resolve({ kind: 'error', error: sanitizeErrorCode(error), description: params.get('error_description') ?? undefined });
		} else if (code) {
			this.log.info('sign-in callback received');
			resolve({ kind: 'code', code });
		} else {
			this.log.warn('sign-in callback had neither code nor error');
			resolve({ kind: 'error', error: 'invalid_request', description: 'The callback had no authorization code.' });
		}
	}
}

/** OAuth error codes are short ASCII words; anything else is not echoed anywhere. */
function sanitizeErrorCode(error: string): string {
	return /^[a-z_]{1,64}$/.test(error) ? error : 'invalid_callback';
}
