import type * as vscode from 'vscode';
import type { UsageSummary } from '../api/types';

/** Spending over time, as the budget's tooltip shows it (USD). */
export interface SpendingFigures {
	readonly today: string;
	readonly last7Days: string;
	readonly burnPerDay: string;
	/** Whole days the remaining budget lasts at the last-7-days rate; undefined without spending. */
	readonly daysLeft: number | undefined;
}

/** What the budget needs from the spending ledger (src/cost implements it). */
export interface BudgetSpending {
	/** Each usage summary read: where exact charges are read. */
	noteSummary(summary: UsageSummary, account: string): void;
	/** Any paid request anywhere was refused for lack of budget (402, `budget_exceeded`, also mid-stream). */
	readonly onDidRefuse: vscode.Event<void>;
	/** New charges: the tooltip's figures moved. */
	readonly onDidChange: vscode.Event<void>;
	figures(remaining: number | undefined): SpendingFigures | undefined;
}
