import * as vscode from 'vscode';
import { AiPassClient } from './api/client';
import { ModelCatalog } from './api/modelCatalog';
import type { AiPassAuthProvider } from './auth/authProvider';
import type { CallbackRouter } from './auth/callbackRouter';
import { registerAuth } from './auth/registerAuth';
import type { SignInFlow } from './auth/signInFlow';
import { Commands } from './commands';
import { Config } from './config';
import { createLogger } from './log';
import type { Services } from './services';

/** What `activate` returns. `testing` exists only when VS Code runs the extension's tests. */
export interface AiPassExtensionApi {
	readonly version: 1;
	readonly testing?: {
		readonly services: Services;
		readonly authProvider: AiPassAuthProvider;
		readonly signInFlow: SignInFlow;
		readonly callbackRouter: CallbackRouter;
		/** The extension's own SecretStorage, so tests can play "another window" writing to it. */
		readonly secrets: vscode.SecretStorage;
	};
}

export function activate(context: vscode.ExtensionContext): AiPassExtensionApi {
	const channel = vscode.window.createOutputChannel('AI Pass', { log: true });
	context.subscriptions.push(channel);
	const log = createLogger(channel);
	const config = new Config();
	log.info(`activating (VS Code ${vscode.version}, ${vscode.env.appHost}, ui ${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'}${vscode.env.remoteName ? `, remote ${vscode.env.remoteName}` : ''}, service ${config.baseUrl})`);

	const auth = registerAuth(context, config, log);
	const paidRequestSettled = new vscode.EventEmitter<void>();
	const client = new AiPassClient({
		baseUrl: () => config.baseUrl,
		apiBasePath: () => config.apiBasePath,
		tokens: auth.provider,
		onPaidRequestSettled: () => paidRequestSettled.fire(),
		userAgent: `aipass-vscode/${context.extension.packageJSON.version as string} VSCode/${vscode.version}`,
	});
	const catalog = new ModelCatalog(client);
	const services: Services = { context, config, log, auth: auth.provider, client, catalog, onDidSettlePaidRequest: paidRequestSettled.event };

	context.subscriptions.push(
		paidRequestSettled,
		// Another account or service means another catalog.
		auth.provider.onDidChangeSessions(e => (e.added?.length || e.removed?.length) && catalog.invalidate()),
		config.onDidChange(affects => (affects('baseUrl') || affects('apiBasePath')) && catalog.invalidate()),
		vscode.commands.registerCommand(Commands.showLog, () => channel.show()),
	);

	return {
		version: 1,
		...(context.extensionMode === vscode.ExtensionMode.Test
			? { testing: { services, authProvider: auth.provider, signInFlow: auth.flow, callbackRouter: auth.router, secrets: context.secrets } }
			: {}),
	};
}

export function deactivate(): void {
	// Everything is disposed through context.subscriptions.
}
