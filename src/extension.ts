import * as vscode from 'vscode';
import { AiPassClient } from './api/client';
import { type ApplyFeature, registerApply } from './apply/registerApply';
import { ModelCatalog } from './api/modelCatalog';
import type { AiPassAuthProvider } from './auth/authProvider';
import type { CallbackRouter } from './auth/callbackRouter';
import { registerAuth } from './auth/registerAuth';
import type { SignInFlow } from './auth/signInFlow';
import { registerBudget, type Budget } from './budget/registerBudget';
import { registerChat, type ChatFeature } from './chat/registerChat';
import { Commands } from './platform/commands';
import { Config } from './platform/config';
import { CostLedger } from './cost/costLedger';
import { type CostFeature, registerCost } from './cost/registerCost';
import { spendingMarkdown } from './cost/spendingMarkdown';
import { hostKind } from './platform/hostKind';
import { registerLanguageModels, type LanguageModels } from './lm/registerLanguageModels';
import { registerAnalyzeImage } from './vision/registerAnalyzeImage';
import { createLogger } from './platform/log';
import { registerMedia, type MediaFeature } from './media/registerMedia';
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
		/** The chat view's session, store, model list, view and panel. */
		readonly chat?: ChatFeature;
		/** The media commands' failure events, cancel hook and audio player. */
		readonly media?: MediaFeature;
		/** The language model provider and the @aipass handler, for calls the workbench would make. */
		readonly lm?: LanguageModels;
		/** The budget status bar item's controller: its state, text, tooltip and colour. */
		readonly budget?: Budget;
		/** The spending ledger, the spend guard and the usage panel. */
		readonly cost?: CostFeature;
		/** Apply and Edit Selection: the proposals under review. */
		readonly apply?: ApplyFeature;
	};
}

export function activate(context: vscode.ExtensionContext): AiPassExtensionApi {
	const channel = vscode.window.createOutputChannel('AI Pass', { log: true });
	context.subscriptions.push(channel);
	const log = createLogger(channel);
	const config = new Config();
	log.info(`activating (VS Code ${vscode.version}, ${vscode.env.appHost}, ui ${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'}, ${hostKind} host${vscode.env.remoteName ? `, remote ${vscode.env.remoteName}` : ''}, service ${config.configuredBaseUrl})`);

	const auth = registerAuth(context, config, log);
	const paidRequestSettled = new vscode.EventEmitter<void>();
	const ledger = new CostLedger(context.globalState, log.child('cost'));
	const client = new AiPassClient({
		baseUrl: () => config.baseUrl,
		apiBasePath: () => config.apiBasePath,
		tokens: auth.provider,
		onPaidRequestSettled: () => paidRequestSettled.fire(),
		paidCalls: ledger,
		// A browser owns its User-Agent (and a header the service's CORS does not allow would block the call).
		...(hostKind === 'node' ? { userAgent: `aipass-vscode/${context.extension.packageJSON.version as string} VSCode/${vscode.version}` } : {}),
	});
	const catalog = new ModelCatalog(client);
	const services: Services = { context, config, log, auth: auth.provider, client, catalog, onDidSettlePaidRequest: paidRequestSettled.event };
	const budget = registerBudget(services, ledger);
	const cost = registerCost({ context, config, log, ledger, budget: { remaining: () => budget.snapshot.figures?.remaining, refresh: () => budget.refresh() } });
	const apply = registerApply(services, cost.guard);
	const chat = registerChat(services, { charges: ledger, guard: cost.guard }, request => apply.applyBlock(request));
	const media = registerMedia(services, cost.guard);
	const lm = registerLanguageModels(services, remaining => spendingMarkdown(ledger.report(remaining)), cost.guard);
	registerAnalyzeImage(services, cost.guard);

	context.subscriptions.push(
		paidRequestSettled,
		ledger,
		// Another account or service means another catalog.
		auth.provider.onDidChangeSessions(e => (e.added?.length || e.removed?.length) && catalog.invalidate()),
		config.onDidChange(affects => (affects('baseUrl') || affects('apiBasePath')) && catalog.invalidate()),
		vscode.commands.registerCommand(Commands.showLog, () => channel.show()),
	);

	return {
		version: 1,
		...(context.extensionMode === vscode.ExtensionMode.Test
			? { testing: { services, authProvider: auth.provider, signInFlow: auth.flow, callbackRouter: auth.router, secrets: context.secrets, lm, budget, media, chat, cost, apply } }
			: {}),
	};
}

export function deactivate(): void {
	// Everything is disposed through context.subscriptions.
}
