import * as vscode from 'vscode';
import type { Logger } from '../platform/log';
import { exchangeCode, fetchUserInfo, OAuthError, type TokenSet, type UserInfo } from './oauthApi';
import type { StoredSession } from './sessionStore';
import type { SignInFlow } from './signInFlow';
import { signalOf } from './waits';

/** The account of a session whose user info could not be read (`profile:read` not granted). */
const unidentifiedAccountId = 'aipass-account';

export interface SignInSessionDeps {
	readonly flow: SignInFlow;
	readonly log: Logger;
	readonly fetch?: typeof fetch;
	/** Time limit of the code exchange and of the user info read. */
	readonly oauthMs: number;
	/** Revokes tokens that were issued but never became a session (best effort, not awaited). */
	readonly revoke: (pair: Pick<StoredSession, 'baseUrl' | 'clientId' | 'accessToken' | 'refreshToken'>) => void;
}

/**
 * One interactive sign-in up to a session that is not saved yet: the browser (under a cancellable
 * progress notification), the code exchange and the user info, all cancellable from the notification.
 */
export async function signInSession(deps: SignInSessionDeps, baseUrl: string, clientId: string, requested: readonly string[]): Promise<StoredSession> {
	return vscode.window.withProgress({
		location: vscode.ProgressLocation.Notification,
		title: vscode.l10n.t('Signing in to AI Pass…'),
		cancellable: true,
	}, async (progress, token) => {
		progress.report({ message: vscode.l10n.t('Complete the sign-in in your browser.') });
		const grant = await deps.flow.authorize(baseUrl, clientId, requested, token);
		progress.report({ message: vscode.l10n.t('Finishing sign-in…') });
		// Cancel in the notification (or `cancelPendingSignIns`) ends the code exchange and the user info read too.
		const cancel = signalOf(token, deps.flow.onDidCancelPending, () => new vscode.CancellationError());
		const endpoint = { baseUrl, clientId, fetch: deps.fetch, signal: cancel.signal, timeoutMs: deps.oauthMs };
		try {
			const tokens = await exchangeCode({ ...endpoint, code: grant.code, codeVerifier: grant.codeVerifier, redirectUri: grant.redirectUri });
			try {
				const user = await userInfo(deps.log, { ...endpoint, accessToken: tokens.accessToken });
				return buildSession(tokens, requested, user, clientId, baseUrl);
			} catch (error) {
				// Tokens that never become a session must not stay alive at the server.
				deps.log.warn('tokens obtained but no session made; revoking them');
				deps.revoke({ baseUrl, clientId, accessToken: tokens.accessToken, refreshToken: tokens.refreshToken! });
				throw error;
			}
		} finally {
			cancel.dispose();
		}
	});
}

/** `profile:read` is asked for, not required: without it (403) the account is labelled generically. */
async function userInfo(log: Logger, options: Parameters<typeof fetchUserInfo>[0]): Promise<UserInfo | undefined> {
	try {
		return await fetchUserInfo(options);
	} catch (error) {
		if (error instanceof OAuthError && error.status === 403) {
			log.info('user info refused (403, profile:read not granted); signing in without it');
			return undefined;
		}
		throw error;
	}
}

/** Without user info (`profile:read` not granted) the account is "AI Pass account". */
function buildSession(tokens: TokenSet, requested: readonly string[], user: UserInfo | undefined, clientId: string, baseUrl: string): StoredSession {
	return {
		id: globalThis.crypto.randomUUID(),
		accountId: user?.sub ?? unidentifiedAccountId,
		accountLabel: user ? user.email ?? user.name ?? user.preferredUsername ?? user.sub : vscode.l10n.t('AI Pass account'),
		scopes: tokens.scopes ?? [...requested],
		accessToken: tokens.accessToken,
		refreshToken: tokens.refreshToken!,
		expiresAt: tokens.expiresAt,
		clientId,
		baseUrl,
	};
}
