import * as vscode from 'vscode';
import type { Logger } from '../platform/log';
import { callbackPath, type CallbackRouter } from './callbackRouter';
import { createPkcePair, createState } from './pkce';

export const extensionAuthority = 'aipass.aipass-vscode';

export interface AuthorizationGrant {
	readonly code: string;
	readonly codeVerifier: string;
	/** The exact redirect_uri sent to /oauth2/authorize; the token request must repeat it byte for byte. */
	readonly redirectUri: string;
}

export interface SignInFlowOptions {
	readonly router: CallbackRouter;
	readonly log: Logger;
	/** Opens the browser. VS Code's own auth extensions pass the URL as a string (no re-encoding). */
	readonly openBrowser?: (url: string) => Thenable<boolean>;
	/** How long an attempt waits for the browser, read at each attempt. */
	readonly timeoutMs: () => number;
}

/** The user said no at the consent page. */
export class AccessDeniedError extends Error {
	constructor() {
		super(vscode.l10n.t('Sign-in was denied at AI Pass.'));
		this.name = 'AccessDeniedError';
	}
}

export class SignInTimeoutError extends Error {
	constructor(minutes: number) {
		super(vscode.l10n.t('Sign-in timed out after {0} minutes without an answer from the browser. Try again.', minutes));
		this.name = 'SignInTimeoutError';
	}
}

export class AuthorizationError extends Error {
	constructor(readonly error: string, description: string | undefined) {
		super(vscode.l10n.t('AI Pass refused the sign-in ({0}){1}', error, description ? `: ${description}` : '.'));
		this.name = 'AuthorizationError';
	}
}

/** The desktop redirect (`vscode://aipass.aipass-vscode/callback`), before `asExternalUri`. */
export function desktopRedirectUri(): string {
	return `${vscode.env.uriScheme}://${extensionAuthority}${callbackPath}`;
}

/**
 * One interactive authorization: fresh PKCE verifier and state, the browser at /oauth2/authorize,
 * then the matching callback, a denial, cancellation or the timeout, whichever comes first.
 */
export class SignInFlow {
	private readonly cancelAll = new vscode.EventEmitter<void>();

	/** `cancelPending()` was called: the rest of a sign-in (code exchange, user info) stops too. */
	readonly onDidCancelPending = this.cancelAll.event;

	constructor(private readonly options: SignInFlowOptions) {}

	/** Ends every attempt in progress as cancelled. */
	cancelPending(): void {
		this.cancelAll.fire();
	}

	async authorize(baseUrl: string, clientId: string, scopes: readonly string[], token: vscode.CancellationToken): Promise<AuthorizationGrant> {
		const { verifier, challenge } = await createPkcePair();
		const state = createState();
		// A fresh external URI per attempt: in web hosts each one carries a single-use request id.
		const external = await vscode.env.asExternalUri(vscode.Uri.parse(desktopRedirectUri()));
		const redirectUri = external.toString(true);
		const url = new URL(`${baseUrl}/oauth2/authorize`);
		url.search = new URLSearchParams({
			response_type: 'code',
			client_id: clientId,
			redirect_uri: redirectUri,
			scope: scopes.join(' '),
			state,
			code_challenge: challenge,
			code_challenge_method: 'S256',
		}).toString();

		const waiter = this.options.router.expect(state);
		const disposables: vscode.Disposable[] = [];
		try {
			const outcome = new Promise<AuthorizationGrant>((resolve, reject) => {
				const cancel = () => reject(new vscode.CancellationError());
				disposables.push(token.onCancellationRequested(cancel), this.cancelAll.event(cancel));
				const timeoutMs = this.options.timeoutMs();
				const timer = setTimeout(() => reject(new SignInTimeoutError(Math.max(1, Math.round(timeoutMs / 60_000)))), timeoutMs);
				disposables.push({ dispose: () => clearTimeout(timer) });
				waiter.result.then(result => {
					if (result.kind === 'code') {
						resolve({ code: result.code, codeVerifier: verifier, redirectUri });
					} else if (result.error === 'access_denied') {
						reject(new AccessDeniedError());
					} else {
						reject(new AuthorizationError(result.error, result.description));
					}
				});
			});
			// Settled below; until then a rejection must not count as unhandled.
			outcome.catch(() => undefined);
			if (token.isCancellationRequested) {
				throw new vscode.CancellationError();
			}
			this.options.log.info(`opening the browser for authorization (${url.origin})`);
			const opened = await (this.options.openBrowser ?? (target => vscode.env.openExternal(target as unknown as vscode.Uri)))(url.toString());
			if (!opened) {
				this.options.log.info('the browser was not opened; sign-in cancelled');
				throw new vscode.CancellationError();
			}
			return await outcome;
		} finally {
			waiter.dispose();
			disposables.forEach(d => d.dispose());
		}
	}

	dispose(): void {
		this.cancelAll.dispose();
	}
}
