import * as vscode from 'vscode';
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
	readonly context: vscode.ExtensionContext;
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
}

/** The spend guard and the usage panel (`aipass.budget.showUsage`); the ledger itself is created before the API client. */
export function registerCost(deps: CostDeps): CostFeature {
	const { context, config, ledger, budget } = deps;
	const log = deps.log.child('cost');
	const guard = new SpendGuard({
		estimate: (model, used) => ledger.estimate(model, used),
		confirmAbove: () => config.budgetConfirmAbove,
		remaining: () => budget.remaining(),
	});
	const usagePanel = new UsagePanel(context.extensionUri, {
		report: () => usageReportView(ledger.report(budget.remaining()), budget.remaining()),
		refresh: () => budget.refresh(),
		onDidChange: ledger.onDidChange,
	}, log);
	context.subscriptions.push(
		guard,
		usagePanel,
		vscode.commands.registerCommand(Commands.budgetShowUsage, () => usagePanel.show()),
	);
	return { ledger, guard, usagePanel };
}
