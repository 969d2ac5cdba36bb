import * as vscode from 'vscode';
import type { Logger } from '../platform/log';
import { authProviderId, supportedScopes } from './authProvider';

/**
 * Asks VS Code quietly for an AI Pass session (no `createIfNone`, so no dialog), as VS Code's own
 * extensions do: while nobody is signed in, the Accounts menu then shows "Sign in with AI Pass to use
 * AI Pass" with a badge. Done once activation has finished (off its hot path), and again whenever the
 * last session goes away, so the entry comes back after a sign-out.
 */
export function offerSignInFromAccountsMenu(log: Logger): vscode.Disposable {
	let disposed = false;
	const request = (): void => {
		if (disposed) {
			return;
		}
		vscode.authentication.getSession(authProviderId, [...supportedScopes]).then(
			session => log.info(session ? 'a session exists; the Accounts menu lists the account' : 'not signed in; the Accounts menu offers "Sign in with AI Pass"'),
			(error: unknown) => log.warn(`could not register the Accounts menu sign-in entry: ${error instanceof Error ? error.message : String(error)}`),
		);
	};
	const timer = setTimeout(request, 0);
	// A request is only shown while there is no session; asking again when one exists changes nothing.
	const sessionsChanged = vscode.authentication.onDidChangeSessions(e => e.provider.id === authProviderId && request());
	return new vscode.Disposable(() => {
		disposed = true;
		clearTimeout(timer);
		sessionsChanged.dispose();
	});
}
