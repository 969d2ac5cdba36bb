import * as vscode from 'vscode';
import type { AiPassClient } from '../api/client';
import type { ModelCatalog } from '../api/modelCatalog';
import type { ApplyFeature } from '../apply/registerApply';
import type { AiPassAuthProvider } from '../auth/authProvider';
import type { CallbackRouter } from '../auth/callbackRouter';
import type { SignInFlow } from '../auth/signInFlow';
import type { Budget, WindowFocus } from '../budget/registerBudget';
import type { ChatFeature } from '../chat/registerChat';
import type { CostFeature } from '../cost/registerCost';
import type { Features } from '../features';
import type { LanguageModels } from '../lm/registerLanguageModels';
import type { VideoPollTiming } from '../media/mediaContext';
import type { MediaFeature } from '../media/registerMedia';
import type { Config } from '../platform/config';
import type { Logger } from '../platform/log';
import type { VisionFeature } from '../vision/registerAnalyzeImage';

/**
 * What the composition reads instead of its production values while VS Code runs the extension's
 * tests. Only `createTestHooks` builds one, and only in `ExtensionMode.Test`.
 */
export interface TestOverrides {
	/** How long a sign-in waits for the browser (production: 5 minutes). */
	signInTimeoutMs(): number | undefined;
	/** How video jobs are polled (production: every 2 s). */
	videoPollTiming(): VideoPollTiming | undefined;
	/** The window focus the budget's polling sees. */
	readonly window: WindowFocus;
}

/** The one object the integration tests reach the extension's insides through (`activate(...).testing`). */
export interface AiPassTestHooks {
	readonly context: vscode.ExtensionContext;
	/** The extension's own SecretStorage, so tests can play "another window" writing to it. */
	readonly secrets: vscode.SecretStorage;
	readonly config: Config;
	readonly log: Logger;
	readonly client: AiPassClient;
	readonly catalog: ModelCatalog;
	readonly onDidSettlePaidRequest: vscode.Event<void>;
	readonly authProvider: AiPassAuthProvider;
	readonly signInFlow: SignInFlow;
	readonly callbackRouter: CallbackRouter;
	/** Each feature is built on first use, as a command or view would build it. */
	readonly chat: ChatFeature;
	readonly media: MediaFeature;
	readonly lm: LanguageModels;
	readonly budget: Budget;
	readonly cost: CostFeature;
	readonly apply: ApplyFeature;
	readonly vision: VisionFeature;
	/** Shortens (or, with `undefined`, restores) the 5 minutes a sign-in waits for the browser. */
	setSignInTimeout(ms: number | undefined): void;
	/** Polls video jobs at this pace (`undefined`: every 2 s). */
	setVideoPollTiming(timing: VideoPollTiming | undefined): void;
	/**
	 * Replaces VS Code's window focus state (a headless workbench never loses focus); `undefined` goes back
	 * to the real one. Starts as `false` (polling paused), so the budget's background requests never
	 * interleave with other suites' request-log assertions.
	 */
	setWindowFocus(focused: boolean | undefined): void;
}

/** Test mode only: the overrides for the composition, and the hooks over the features it builds (lazily, on first read). */
export function createTestHooks(context: vscode.ExtensionContext, features: () => Features): { overrides: TestOverrides; hooks: AiPassTestHooks } {
	let signInTimeoutMs: number | undefined;
	let videoPollTiming: VideoPollTiming | undefined;
	let focused: boolean | undefined = false;
	const focusChanged = new vscode.EventEmitter<void>();
	context.subscriptions.push(focusChanged);
	const overrides: TestOverrides = {
		signInTimeoutMs: () => signInTimeoutMs,
		videoPollTiming: () => videoPollTiming,
		window: {
			focused: () => focused ?? vscode.window.state.focused,
			onDidChange: (listener, thisArg, disposables) => {
				const subscriptions = [focusChanged.event(listener, thisArg), vscode.window.onDidChangeWindowState(listener, thisArg)];
				const both = vscode.Disposable.from(...subscriptions);
				disposables?.push(both);
				return both;
			},
		},
	};
	const hooks: AiPassTestHooks = {
		context,
		secrets: context.secrets,
		get config() { return features().config; },
		get log() { return features().log; },
		get client() { return features().client; },
		get catalog() { return features().catalog; },
		get onDidSettlePaidRequest() { return features().onDidSettlePaidRequest; },
		get authProvider() { return features().auth.provider; },
		get signInFlow() { return features().auth.flow; },
		get callbackRouter() { return features().auth.router; },
		get chat() { return features().chat(); },
		get media() { return features().media(); },
		get lm() { return features().lm(); },
		get budget() { return features().budget(); },
		get cost() { return features().cost(); },
		get apply() { return features().apply(); },
		get vision() { return features().vision(); },
		setSignInTimeout: ms => { signInTimeoutMs = ms; },
		setVideoPollTiming: timing => { videoPollTiming = timing; },
		setWindowFocus: value => {
			focused = value;
			focusChanged.fire();
		},
	};
	return { overrides, hooks };
}
