import * as vscode from 'vscode';
import { Commands } from '../platform/commands';
import { showError } from '../platform/errors';
import type { Services } from '../services';
import { BudgetController, type BudgetSchedule } from './budgetController';
import { budgetDetails, type BudgetDetails, showBudgetDetails } from './budgetDetails';
import type { BudgetSnapshot, BudgetState } from './budgetModel';
import type { BudgetSpending } from '../platform/spendingPorts';
import { BudgetStatusBar } from './budgetStatusBar';
import type { BudgetView } from './budgetView';

/** The budget feature as the rest of the extension (and its tests) see it. */
export interface Budget {
	/** What the status bar item shows now. */
	readonly view: BudgetView;
	readonly snapshot: BudgetSnapshot;
	readonly state: BudgetState;
	readonly onDidChange: vscode.Event<BudgetSnapshot>;
	/** Fetches now (joining a fetch in flight) and resolves when it is done. */
	refresh(): Promise<void>;
	/** Resolves when no session read and no fetch is in progress. */
	settled(): Promise<void>;
	/** Another feature got HTTP 402: show the budget as exhausted now and re-read it soon. */
	noteBudgetExhausted(): void;
	/** Whether polling counts this window as focused. */
	readonly isFocused: boolean;
	/** When the next fetch is due, and why (none while paused, signed out or fetching). */
	readonly schedule: BudgetSchedule;
	/** The details quick pick's content for the current state (what `aipass.budget.showDetails` offers). */
	details(hasChat: boolean): BudgetDetails;
	/**
	 * Test mode only: replaces VS Code's window focus state (a headless workbench never loses focus);
	 * `undefined` goes back to the real one. In test mode it starts as `false` (polling paused), so the
	 * budget's background requests never interleave with other suites' request-log assertions.
	 */
	setFocusOverride(focused: boolean | undefined): void;
}

const minute = 60_000;

/** The budget status bar item, its polling and its two commands; `spending` adds the ledger's figures and refusals. */
export function registerBudget(services: Services, spending?: BudgetSpending): Budget {
	const { context, config, log } = services;
	const budgetLog = log.child('budget');
	let focusOverride = context.extensionMode === vscode.ExtensionMode.Test ? false : undefined;
	const focused = (): boolean => focusOverride ?? vscode.window.state.focused;
	const dashboardUrl = (): string => config.dashboardUrl;
	const controller = new BudgetController({
		auth: services.auth,
		fetchSummary: signal => services.client.usageSummary(signal),
		globalState: context.globalState,
		baseUrl: () => config.configuredBaseUrl,
		intervalMs: config.budgetPollIntervalMinutes * minute,
		focused: focused(),
		log: budgetLog,
		onSummary: (summary, account) => spending?.noteSummary(summary, account),
	});
	const statusBar = new BudgetStatusBar(controller, () => {
		const figures = spending?.figures(controller.snapshot.figures?.remaining);
		return { warnBelow: config.budgetWarnBelow, dashboardUrl: dashboardUrl(), ...(figures ? { spending: figures } : {}) };
	});

	context.subscriptions.push(
		controller,
		statusBar,
		services.onDidSettlePaidRequest(() => controller.paidRequestSettled()),
		// One signal for every refusal, wherever it happened: the status bar turns to "used up" at once.
		...(spending ? [spending.onDidRefuse(() => controller.noteBudgetExhausted()), spending.onDidChange(() => statusBar.render())] : []),
		vscode.window.onDidChangeWindowState(() => controller.setFocused(focused())),
		config.onDidChange(affects => {
			if (affects('budget.pollIntervalMinutes')) {
				controller.setIntervalMs(config.budgetPollIntervalMinutes * minute);
			}
			if (affects('baseUrl')) {
				void controller.syncSession();
			}
			statusBar.render();
		}),
		vscode.commands.registerCommand(Commands.budgetRefresh, async () => {
			await controller.refresh();
			const snapshot = controller.snapshot;
			if (snapshot.signedIn === false) {
				const signIn = vscode.l10n.t('Sign In');
				void vscode.window.showInformationMessage(vscode.l10n.t('Sign in to AI Pass to see your budget.'), signIn)
					.then(choice => choice === signIn ? vscode.commands.executeCommand(Commands.signIn) : undefined);
			} else if (snapshot.problem && controller.lastError !== undefined) {
				showError(controller.lastError, budgetLog);
			}
		}),
		vscode.commands.registerCommand(Commands.budgetShowDetails, () => showBudgetDetails(controller.snapshot, dashboardUrl())),
	);

	return {
		get view() { return statusBar.current; },
		get snapshot() { return controller.snapshot; },
		get state() { return statusBar.current.state; },
		get isFocused() { return controller.isFocused; },
		get schedule() { return controller.schedule; },
		onDidChange: controller.onDidChange,
		refresh: () => controller.refresh(),
		settled: () => controller.settled(),
		noteBudgetExhausted: () => controller.noteBudgetExhausted(),
		details: hasChat => budgetDetails(controller.snapshot, { dashboardUrl: dashboardUrl(), hasChat, now: Date.now() }),
		setFocusOverride: value => {
			if (context.extensionMode !== vscode.ExtensionMode.Test) {
				throw new Error('setFocusOverride exists for tests only');
			}
			focusOverride = value;
			controller.setFocused(focused());
		},
	};
}
