import type * as vscode from 'vscode';
import type { CommandHandlers } from '../platform/commandHandlers';
import type { Subscriptions } from '../platform/subscriptions';
import { Commands } from '../platform/commands';
import type { Config } from '../platform/config';
import type { Logger } from '../platform/log';
import type { CostLedger } from './costLedger';
import { SpendGuard } from './spendGuard';
import { UsagePanel } from './usagePanel';
import { usageReportView } from './usageReportView';

/** What the cost feature needs from the budget: the last remaining figure and a refresh. */
export interface CostBudget {
	remaining(): number | undefined;
	refresh(): Promise<void>;
}

export interface CostDeps {
	readonly extensionUri: vscode.Uri;
	readonly subscriptions: Subscriptions;
	readonly config: Config;
	readonly log: Logger;
	readonly ledger: CostLedger;
	readonly budget: CostBudget;
}

/** The cost feature as the rest of the extension (and its tests) see it. */
export interface CostFeature {
	readonly ledger: CostLedger;
	readonly guard: SpendGuard;
	readonly usagePanel: UsagePanel;
	readonly commands: CommandHandlers<(typeof costCommandIds)[number]>;
}

export const costCommandIds = [Commands.budgetShowUsage] as const;

/** The spend guard and the usage panel (`aipass.budget.showUsage`); the ledger itself is created before the API client. */
export function createCost(deps: CostDeps): CostFeature {
	const { config, ledger, budget } = deps;
	const log = deps.log.child('cost');
	const guard = new SpendGuard({
		estimate: (model, used) => ledger.estimate(model, used),
		confirmAbove: () => config.budgetConfirmAbove,
		remaining: () => budget.remaining(),
	});
	const usagePanel = new UsagePanel(deps.extensionUri, {
		report: () => usageReportView(ledger.report(budget.remaining()), budget.remaining()),
		refresh: () => budget.refresh(),
		onDidChange: ledger.onDidChange,
	}, log);
	deps.subscriptions.push(guard, usagePanel);
	return { ledger, guard, usagePanel, commands: { [Commands.budgetShowUsage]: () => usagePanel.show() } };
}
