import * as vscode from 'vscode';
import type { AiPassAuthProvider } from './auth/authProvider';
import type { CallbackRouter } from './auth/callbackRouter';
import { registerAuth } from './auth/registerAuth';
import type { SignInFlow } from './auth/signInFlow';
import { Commands } from './commands';
import { Config } from './config';
import { createLogger } from './log';

/** What `activate` returns. `testing` exists only when VS Code runs the extension's tests. */
export interface AiPassExtensionApi {
	readonly version: 1;
	readonly testing?: { readonly authProvider: AiPassAuthProvider; readonly signInFlow: SignInFlow; readonly callbackRouter: CallbackRouter };
}

export function activate(context: vscode.ExtensionContext): AiPassExtensionApi {
	const channel = vscode.window.createOutputChannel('AI Pass', { log: true });
	context.subscriptions.push(channel);
	const log = createLogger(channel);
	const config = new Config();
	log.info(`activating (VS Code ${vscode.version}, ${vscode.env.appHost}, ui ${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'}${vscode.env.remoteName ? `, remote ${vscode.env.remoteName}` : ''}, service ${config.baseUrl})`);

	const auth = registerAuth(context, config, log);

	context.subscriptions.push(
		vscode.commands.registerCommand(Commands.showLog, () => channel.show()),
	);

	return {
		version: 1,
		...(context.extensionMode === vscode.ExtensionMode.Test ? { testing: { authProvider: auth.provider, signInFlow: auth.flow, callbackRouter: auth.router } } : {}),
	};
}

export function deactivate(): void {
	// Everything is disposed through context.subscriptions.
}
