import * as vscode from 'vscode';
import type { CommandHandlers } from '../platform/commandHandlers';
import type { Subscriptions } from '../platform/subscriptions';
import { Commands } from '../platform/commands';
import type { Config } from '../platform/config';
import type { Logger } from '../platform/log';
import { showError } from '../platform/errors';
import { offerSignInFromAccountsMenu } from './accountsMenuEntry';
import { AiPassAuthProvider } from './authProvider';
import { CallbackRouter } from './callbackRouter';
import { promptForClientId, registerClient } from './clientSetup';
import { RefreshLease } from './refreshLease';
import { SessionStore } from './sessionStore';
import { SignInFlow } from './signInFlow';
import { notificationText } from '../platform/notificationText';

/** How long a sign-in waits for the browser. */
export const signInTimeoutMs = 5 * 60_000;

/** What sign-in uses from the extension's context. */
export interface AuthDeps {
	readonly secrets: vscode.SecretStorage;
	readonly globalState: vscode.Memento;
	readonly subscriptions: Subscriptions;
	readonly config: Config;
	readonly log: Logger;
	/** How long an attempt waits for the browser (`signInTimeoutMs`). */
	readonly timeoutMs: () => number;
}

export const authCommandIds = [Commands.signIn, Commands.signOut, Commands.registerClient] as const;

/** Sign-in as the rest of the extension sees it: the provider (registered by extension.ts), its flow, its UriHandler. */
export interface AuthFeature {
	readonly provider: AiPassAuthProvider;
	readonly flow: SignInFlow;
	readonly router: CallbackRouter;
	readonly commands: CommandHandlers<(typeof authCommandIds)[number]>;
}

/** Builds sign-in: the callback router, the authentication provider and the sign-in/out/register commands. */
export function createAuth(deps: AuthDeps): AuthFeature {
	const { config, secrets, log } = deps;
	const authLog = log.child('auth');
	const router = new CallbackRouter(authLog);
	const flow = new SignInFlow({ router, log: authLog, timeoutMs: deps.timeoutMs });
	const store = new SessionStore(secrets, authLog);
	const signedInToken = (): Promise<string | undefined> => provider.getAccessToken().catch(() => undefined);
	const register = async (): Promise<string | undefined> => (await registerClient({ config, secrets, log: authLog, accessToken: signedInToken }))?.clientId;
	const provider: AiPassAuthProvider = new AiPassAuthProvider({
		store, flow, config, log: authLog, globalState: deps.globalState,
		lease: new RefreshLease(secrets, authLog),
		ensureClientId: () => promptForClientId(config, authLog, register),
		onSessionExpired: label => {
			void vscode.window.showWarningMessage(notificationText(vscode.l10n.t('Your AI Pass session for {0} has ended. Sign in again to keep using AI Pass.', label)), vscode.l10n.t('Sign In'))
				.then(choice => choice ? vscode.commands.executeCommand(Commands.signIn) : undefined);
		},
		onSaveFailed: label => {
			void vscode.window.showWarningMessage(notificationText(vscode.l10n.t('AI Pass renewed the sign-in of {0}, but VS Code could not save it in the OS keychain or keyring. You stay signed in in this window and saving is retried; unlock the keychain, or you will have to sign in again after closing VS Code.', label)));
		},
	});

	deps.subscriptions.push(store, flow, provider, offerSignInFromAccountsMenu(authLog));
	const commands = {
		[Commands.signIn]: () => signIn(provider, log),
		[Commands.signOut]: () => signOut(provider, log),
		[Commands.registerClient]: async (args?: { name?: string }) => {
			try {
				const name = typeof args?.name === 'string' && args.name !== '' ? { name: args.name } : {};
				const client = await registerClient({ config, secrets, log: authLog, accessToken: signedInToken, ...name });
				if (client) {
					void vscode.window.showInformationMessage(notificationText(vscode.l10n.t('Registered the AI Pass client {0} and saved it in your settings.', client.clientId)), vscode.l10n.t('Sign In'))
						.then(choice => choice ? vscode.commands.executeCommand(Commands.signIn) : undefined);
				}
				return client?.clientId;
			} catch (error) {
				showError(error, log);
				return undefined;
			}
		},
	};
	return { provider, flow, router, commands };
}

async function signIn(provider: AiPassAuthProvider, log: Logger): Promise<boolean> {
	try {
		const session = await provider.createSession([]);
		void vscode.window.showInformationMessage(notificationText(vscode.l10n.t('Signed in to AI Pass as {0}.', session.account.label)));
		return true;
	} catch (error) {
		showError(error, log);
		return false;
	}
}

async function signOut(provider: AiPassAuthProvider, log: Logger): Promise<void> {
	try {
		const sessions = await provider.getSessions();
		if (sessions.length === 0) {
			void vscode.window.showInformationMessage(vscode.l10n.t('You are not signed in to AI Pass.'));
			return;
		}
		let targets = sessions;
		if (sessions.length > 1) {
			const all = { label: vscode.l10n.t('All AI Pass accounts'), ids: sessions.map(s => s.id) };
			const picked = await vscode.window.showQuickPick([...sessions.map(s => ({ label: s.account.label, ids: [s.id] })), all], { title: vscode.l10n.t('Sign out of AI Pass') });
			if (!picked) {
				return;
			}
			targets = sessions.filter(s => picked.ids.includes(s.id));
		}
		for (const session of targets) {
			await provider.removeSession(session.id);
		}
		void vscode.window.showInformationMessage(vscode.l10n.t('Signed out of AI Pass.'));
	} catch (error) {
		showError(error, log);
	}
}
