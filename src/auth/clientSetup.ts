import * as vscode from 'vscode';
import type { Config } from '../platform/config';
import type { Logger } from '../platform/log';
import { desktopRedirectUri } from './signInFlow';
import { notificationText } from '../platform/notificationText';

const dashboardPath = '/panel/developer';

export interface RegisteredClient {
	readonly clientId: string;
	readonly clientSecret: string | undefined;
	readonly redirectUris: readonly string[];
}

/** Secret-storage key of a confidential client's secret (a public PKCE client never sends it). */
export function clientSecretKey(clientId: string): string {
	return `aipass.clientSecret.${clientId}`;
}

/**
 * First run: `aipass.clientId` is the user's own OAuth client. Explains what to do, offers to register one
 * or to enter an existing ID. Resolves to the client ID once configured, else undefined.
 */
export async function promptForClientId(config: Config, log: Logger, register: () => Promise<string | undefined>): Promise<string | undefined> {
	const redirect = desktopRedirectUri();
	const registerItem = vscode.l10n.t('Register a Client for Me');
	const enterItem = vscode.l10n.t('Enter Client ID…');
	const dashboardItem = vscode.l10n.t('Open Developer Dashboard');
	const copyItem = vscode.l10n.t('Copy Redirect URI');
	log.info('sign-in needs a client ID; asking the user');
	for (;;) {
		// A modal: the user asked to sign in and cannot go on without answering this.
		const choice = await vscode.window.showInformationMessage(
			vscode.l10n.t('AI Pass needs your OAuth client ID'),
			{
				modal: true,
				detail: vscode.l10n.t('Create a public client in the AI Pass developer dashboard with this redirect URI:\n\n{0}\n\nFor VS Code in the browser or a remote window, also allow dynamic callbacks for the client. Or let VS Code register a client for you.', redirect),
			},
			registerItem, enterItem, dashboardItem, copyItem,
		);
		if (choice === registerItem) {
			return register();
		}
		if (choice === enterItem) {
			const value = await vscode.window.showInputBox({
				title: vscode.l10n.t('AI Pass Client ID'),
				prompt: vscode.l10n.t('The client ID from the AI Pass developer dashboard'),
				placeHolder: 'client_…',
				ignoreFocusOut: true,
				validateInput: text => /^[\w.-]{3,200}$/.test(text.trim()) ? undefined : vscode.l10n.t('A client ID is letters, digits, "_", "-" or "." (for example client_abc123).'),
			});
			if (!value) {
				return undefined;
			}
			await config.setClientId(value.trim());
			return value.trim();
		}
		if (choice === dashboardItem) {
			await vscode.env.openExternal(vscode.Uri.parse(`${config.baseUrl}${dashboardPath}`));
			continue;
		}
		if (choice === copyItem) {
			await vscode.env.clipboard.writeText(redirect);
			void vscode.window.showInformationMessage(notificationText(vscode.l10n.t('Copied {0}', redirect)));
			continue;
		}
		return undefined;
	}
}

/**
 * `aipass.registerClient`: POST /api/v1/oauth2/clients with this editor's redirect URI, then store the
 * client ID in the settings and a secret, if the service returns one, only in SecretStorage.
 */
export async function registerClient(options: {
	config: Config;
	secrets: vscode.SecretStorage;
	log: Logger;
	/** A bearer token of the signed-in user, when there is one (the endpoint accepts both). */
	accessToken?: () => Promise<string | undefined>;
	fetch?: typeof fetch;
	/** Skips the name prompt (command argument). */
	name?: string;
}): Promise<RegisteredClient | undefined> {
	const name = options.name ?? await vscode.window.showInputBox({
		title: vscode.l10n.t('Register an AI Pass OAuth Client'),
		prompt: vscode.l10n.t('A name for the client, shown on the AI Pass consent page'),
		value: vscode.l10n.t('AI Pass for VS Code'),
		ignoreFocusOut: true,
		validateInput: text => text.trim().length >= 3 && text.trim().length <= 255 ? undefined : vscode.l10n.t('Use 3 to 255 characters.'),
	});
	if (!name) {
		return undefined;
	}
	const redirect = desktopRedirectUri();
	const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
	const token = await options.accessToken?.().catch(() => undefined);
	if (token) {
		headers.Authorization = `Bearer ${token}`;
	}
	const baseUrl = options.config.baseUrl;
	const response = await (options.fetch ?? fetch)(`${baseUrl}/api/v1/oauth2/clients`, {
		method: 'POST',
		headers,
		// Both field forms the service has documented: `redirectUri` (string) and `redirectUris` (array).
		body: JSON.stringify({ clientName: name.trim(), redirectUri: redirect, redirectUris: [redirect], requestedScopes: ['api:access', 'profile:read'], requireConsent: true }),
	});
	const body = await response.json().catch(() => undefined) as { data?: Record<string, unknown>; message?: unknown } | undefined;
	const data = body?.data;
	if (!response.ok || typeof data?.clientId !== 'string') {
		const reason = typeof body?.message === 'string' ? body.message : `HTTP ${response.status}`;
		options.log.warn(`client registration failed: ${reason}`);
		throw new Error(vscode.l10n.t('AI Pass did not register the client: {0}', reason));
	}
	const clientSecret = typeof data.clientSecret === 'string' && data.clientSecret !== '' ? data.clientSecret : undefined;
	if (clientSecret) {
		await options.secrets.store(clientSecretKey(data.clientId), clientSecret);
	}
	await options.config.setClientId(data.clientId);
	options.log.info('registered a new OAuth client and saved its ID in the settings');
	const redirectUris = Array.isArray(data.redirectUris) ? data.redirectUris.filter((u): u is string => typeof u === 'string') : [redirect];
	return { clientId: data.clientId, clientSecret, redirectUris };
}
