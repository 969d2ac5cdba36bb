import * as vscode from 'vscode';
import { AiPassClient } from './api/client';
import { ModelCatalog } from './api/modelCatalog';
import { applyCommandIds, createApply, type ApplyFeature } from './apply/registerApply';
import { authCommandIds, createAuth, signInTimeoutMs, type AuthFeature } from './auth/registerAuth';
import { budgetCommandIds, createBudget, type Budget, type WindowFocus } from './budget/registerBudget';
import { chatCommandIds, createChat, type ChatFeature } from './chat/registerChat';
import { chatStorageFolder } from './chat/workspaceBlobStore';
import { CostLedger } from './cost/costLedger';
import { costCommandIds, createCost, type CostFeature } from './cost/registerCost';
import { spendingMarkdown } from './cost/spendingMarkdown';
import { createLanguageModels, lmCommandIds, type LanguageModels } from './lm/registerLanguageModels';
import { createMedia, mediaCommandIds, type MediaFeature } from './media/registerMedia';
import { videoPollTiming } from './media/videoGenerate';
import type { CommandHandler } from './platform/commandHandlers';
import type { CommandId, Commands } from './platform/commands';
import { Config } from './platform/config';
import { hostKind } from './platform/hostKind';
import { createLogger, type Logger } from './platform/log';
import type { TestOverrides } from './testing/testHooks';
import { createAnalyzeImage, visionCommandIds, type VisionFeature } from './vision/registerAnalyzeImage';

/** What src/extension.ts hands the features: the context, the log channel and (test mode only) overrides. */
export interface FeatureHost {
	readonly context: vscode.ExtensionContext;
	readonly channel: vscode.LogOutputChannel;
	readonly overrides?: TestOverrides;
}

/** A command extension.ts registers itself (it needs no feature). */
export type HostCommand = typeof Commands.showLog;

/**
 * Everything behind the registrations of src/extension.ts. The service layer (settings, sign-in, the
 * API client, the model catalog, the cost ledger) is built with this object; each feature is built on
 * first use (a command run, the view resolved, a model requested) and kept.
 */
export interface Features {
	readonly log: Logger;
	readonly config: Config;
	readonly auth: AuthFeature;
	readonly client: AiPassClient;
	readonly catalog: ModelCatalog;
	/** Fires when a paid request settles (success, failure or abort): the budget indicator refreshes on it. */
	readonly onDidSettlePaidRequest: vscode.Event<void>;
	budget(): Budget;
	cost(): CostFeature;
	chat(): ChatFeature;
	lm(): LanguageModels;
	media(): MediaFeature;
	apply(): ApplyFeature;
	vision(): VisionFeature;
	/** The body of a command (building its feature first). */
	command(id: Exclude<CommandId, HostCommand>): CommandHandler;
}

/** The feature bundle's entry (dist/features.js in the Node host; the same module inside the web bundle). */
export function createFeatures(host: FeatureHost): Features {
	const { context, channel, overrides } = host;
	const subscriptions = context.subscriptions;
	const log = createLogger(channel);
	const config = new Config();
	log.info(`activating (VS Code ${vscode.version}, ${vscode.env.appHost}, ui ${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'}, ${hostKind} host${vscode.env.remoteName ? `, remote ${vscode.env.remoteName}` : ''}, service ${config.configuredBaseUrl})`);

	const auth = createAuth({
		secrets: context.secrets, globalState: context.globalState, subscriptions, config, log,
		timeoutMs: () => overrides?.signInTimeoutMs() ?? signInTimeoutMs,
	});
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
	subscriptions.push(
		paidRequestSettled,
		ledger,
		// Another account or service means another catalog: its readers (chat, vscode.lm) reload on its onDidChange.
		auth.provider.onDidChangeSessions(e => (e.added?.length || e.removed?.length) && catalog.invalidate()),
		config.onDidChange(affects => (affects('baseUrl') || affects('apiBasePath')) && catalog.invalidate()),
	);
	const services = { config, log, client, catalog, subscriptions };
	const window: WindowFocus = overrides?.window ?? { focused: () => vscode.window.state.focused, onDidChange: vscode.window.onDidChangeWindowState };

	const budget = once(() => createBudget({
		...services, auth: auth.provider, globalState: context.globalState, onDidSettlePaidRequest: paidRequestSettled.event, window,
	}, ledger));
	const cost = once(() => createCost({
		...services, extensionUri: context.extensionUri, ledger,
		budget: { remaining: () => budget().snapshot.figures?.remaining, refresh: () => budget().refresh() },
	}));
	const apply = once(() => createApply({ ...services, globalState: context.globalState }, cost().guard));
	const chat = once(() => createChat({
		...services, workspaceState: context.workspaceState, storageFolder: chatStorageFolder(context), extensionUri: context.extensionUri,
	}, { charges: ledger, guard: cost().guard }, request => apply().applyBlock(request)));
	const media = once(() => createMedia({
		...services, globalState: context.globalState,
		...(overrides ? { videoPollTiming: () => overrides.videoPollTiming() ?? videoPollTiming } : {}),
	}, cost().guard));
	const lm = once(() => createLanguageModels({ ...services, auth: auth.provider, extensionUri: context.extensionUri }, remaining => spendingMarkdown(ledger.report(remaining)), cost().guard));
	const vision = once(() => createAnalyzeImage({ ...services, extensionUri: context.extensionUri }, cost().guard));

	// Every command but the host's own has exactly one owner (the type fails when one is missing).
	const owners: Record<Exclude<CommandId, HostCommand>, () => Partial<Record<CommandId, CommandHandler>>> = {
		...ownedBy(authCommandIds, () => auth.commands),
		...ownedBy(budgetCommandIds, () => budget().commands),
		...ownedBy(costCommandIds, () => cost().commands),
		...ownedBy(chatCommandIds, () => chat().commands),
		...ownedBy(lmCommandIds, () => lm().commands),
		...ownedBy(mediaCommandIds, () => media().commands),
		...ownedBy(applyCommandIds, () => apply().commands),
		...ownedBy(visionCommandIds, () => vision().commands),
	};

	return {
		log, config, auth, client, catalog, onDidSettlePaidRequest: paidRequestSettled.event,
		budget, cost, chat, lm, media, apply, vision,
		command: id => {
			const handler = owners[id]()[id];
			if (handler === undefined) {
				throw new Error(`no feature owns the command ${id}`);
			}
			return handler;
		},
	};
}

function ownedBy<K extends CommandId, V>(ids: readonly K[], owner: V): Record<K, V> {
	return Object.fromEntries(ids.map(id => [id, owner])) as Record<K, V>;
}

function once<T>(build: () => T): () => T {
	let built: { value: T } | undefined;
	return () => (built ??= { value: build() }).value;
}
