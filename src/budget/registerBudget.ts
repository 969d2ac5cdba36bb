import * as vscode from 'vscode';
import type { AiPassClient } from '../api/client';
import type { CommandHandlers } from '../platform/commandHandlers';
import type { Subscriptions } from '../platform/subscriptions';
import { Commands } from '../platform/commands';
import type { Config } from '../platform/config';
import { showError } from '../platform/errors';
import type { Logger } from '../platform/log';
import { type BudgetAuth, BudgetController, type BudgetSchedule } from './budgetController';
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
	readonly commands: CommandHandlers<(typeof budgetCommandIds)[number]>;
}

export const budgetCommandIds = [Commands.budgetRefresh, Commands.budgetShowDetails] as const;

/** Whether this window is focused (polling pauses while it is not), and when that changes. */
export interface WindowFocus {
	focused(): boolean;
	readonly onDidChange: vscode.Event<unknown>;
}

/** What the budget uses: the session port, the usage summary, its memory, settings, log and window focus. */
export interface BudgetDeps {
	readonly auth: BudgetAuth;
	readonly client: Pick<AiPassClient, 'usageSummary'>;
	readonly globalState: vscode.Memento;
	readonly subscriptions: Subscriptions;
	readonly config: Config;
	readonly log: Logger;
	/** Fires when a paid request settles: the figure is read again. */
	readonly onDidSettlePaidRequest: vscode.Event<void>;
	readonly window: WindowFocus;
}

const minute = 60_000;

/** The budget status bar item, its polling and its two commands; `spending` adds the ledger's figures and refusals. */
export function createBudget(deps: BudgetDeps, spending?: BudgetSpending): Budget {
	const { config, log } = deps;
	const budgetLog = log.child('budget');
	const focused = (): boolean => deps.window.focused();
	const dashboardUrl = (): string => config.dashboardUrl;
	const controller = new BudgetController({
		auth: deps.auth,
		fetchSummary: signal => deps.client.usageSummary(signal),
		globalState: deps.globalState,
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

	deps.subscriptions.push(
		controller,
		statusBar,
		deps.onDidSettlePaidRequest(() => controller.paidRequestSettled()),
		// One signal for every refusal, wherever it happened: the status bar turns to "used up" at once.
		...(spending ? [spending.onDidRefuse(() => controller.noteBudgetExhausted()), spending.onDidChange(() => statusBar.render())] : []),
		deps.window.onDidChange(() => controller.setFocused(focused())),
		config.onDidChange(affects => {
			if (affects('budget.pollIntervalMinutes')) {
				controller.setIntervalMs(config.budgetPollIntervalMinutes * minute);
			}
			if (affects('baseUrl')) {
				void controller.syncSession();
			}
			statusBar.render();
		}),
	);
	const commands = {
		[Commands.budgetRefresh]: async () => {
			await controller.refresh();
			const snapshot = controller.snapshot;
			if (snapshot.signedIn === false) {
				const signIn = vscode.l10n.t('Sign In');
				void vscode.window.showInformationMessage(vscode.l10n.t('Sign in to AI Pass to see your budget.'), signIn)
					.then(choice => choice === signIn ? vscode.commands.executeCommand(Commands.signIn) : undefined);
			} else if (snapshot.problem && controller.lastError !== undefined) {
				showError(controller.lastError, budgetLog);
			}
		},
		[Commands.budgetShowDetails]: () => showBudgetDetails(controller.snapshot, dashboardUrl()),
	};

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
		commands,
	};
}
