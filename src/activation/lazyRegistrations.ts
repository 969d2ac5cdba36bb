import * as vscode from 'vscode';
import { authProviderId, authProviderLabel } from '../auth/authProvider';
import { chatViewId, chatViewOptions } from '../chat/chatViewProvider';
import type { Features, HostCommand } from '../features';
import { lmVendor } from '../lm/chatModelProvider';
import { participantId } from '../lm/chatParticipant';
import { Commands, type CommandId } from '../platform/commands';

/**
 * Everything VS Code must know at activation, registered as thin stand-ins that build the feature
 * behind them on first use: the commands, the authentication provider, the UriHandler, the chat view,
 * the language model provider and the `@aipass` participant. Returns what to call once the features are
 * built: from then on their events reach VS Code (sessions changed; another catalog, so other models).
 */
export function registerLazily(context: vscode.ExtensionContext, features: () => Features, hostCommands: Readonly<Record<HostCommand, () => unknown>>): (built: Features) => void {
	const sessionsChanged = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
	const modelsChanged = new vscode.EventEmitter<void>();
	const auth = (): vscode.AuthenticationProvider => features().auth.provider;
	const lm = (): ReturnType<Features['lm']> => features().lm();
	const participant = vscode.chat.createChatParticipant(participantId, (...args) => lm().chatHandler(...args));
	participant.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'icon.png');

	context.subscriptions.push(
		sessionsChanged,
		modelsChanged,
		...(Object.values(Commands) as CommandId[]).map(id => vscode.commands.registerCommand(id, (...args: unknown[]) =>
			id === Commands.showLog ? hostCommands[id]() : features().command(id)(...(args as never[])))),
		vscode.window.registerUriHandler({ handleUri: uri => features().auth.router.handleUri(uri) }),
		vscode.authentication.registerAuthenticationProvider(authProviderId, authProviderLabel, {
			onDidChangeSessions: sessionsChanged.event,
			getSessions: (scopes, options) => auth().getSessions(scopes, options),
			createSession: (scopes, options) => auth().createSession(scopes, options),
			removeSession: sessionId => auth().removeSession(sessionId),
		}, { supportsMultipleAccounts: true }),
		vscode.window.registerWebviewViewProvider(chatViewId, { resolveWebviewView: view => features().chat().view.resolveWebviewView(view) }, chatViewOptions),
		vscode.lm.registerLanguageModelChatProvider(lmVendor, {
			onDidChangeLanguageModelChatInformation: modelsChanged.event,
			provideLanguageModelChatInformation: options => lm().provider.provideLanguageModelChatInformation(options),
			provideLanguageModelChatResponse: (model, messages, options, progress, token) => lm().provider.provideLanguageModelChatResponse(model, messages, options, progress, token),
			provideTokenCount: (model, text) => lm().provider.provideTokenCount(model, text),
		}),
		participant,
	);
	return built => context.subscriptions.push(
		built.auth.provider.onDidChangeSessions(e => sessionsChanged.fire(e)),
		built.catalog.onDidChange(() => modelsChanged.fire()),
	);
}
