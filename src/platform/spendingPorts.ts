/**
 * What the features need from the cost feature (src/cost implements each; the composition root
 * passes the implementation): the question before a paid request, the charges of tagged calls, and
 * the spending figures and refusals the budget shows.
 */
import type * as vscode from 'vscode';
import type { Consumption, PaidFeature } from '../api/paidCalls';
import type { UsageSummary } from '../api/types';

/** A paid request about to be sent, as the guard weighs it. */
export interface SpendQuestion {
	readonly feature: PaidFeature;
	readonly model: string;
	readonly used: Consumption;
	/** What is about to happen, e.g. "Generate a 8-second video with sora-2". */
	readonly action: string;
}

/** What a paid command asks before sending (media, analyze image, the chat view). */
export interface SpendCheck {
	/** True to send; false when the user said no (nothing may be sent then). */
	confirm(question: SpendQuestion): Promise<boolean>;
}

/** What the guard asked, for tests (they answer it through the real quick pick). */
export interface SpendAsk {
	readonly title: string;
	readonly message: string;
	readonly estimate: number | undefined;
}

/** A charge that became known, for whoever tagged the call (the chat's answer footer). */
export interface ChargeNote {
	readonly tag: string;
	readonly charge: number;
	readonly estimate: boolean;
	readonly tokens?: number;
}

/** Spending over time, as the budget's tooltip shows it (USD). */
export interface SpendingFigures {
	readonly today: string;
	readonly last7Days: string;
	readonly burnPerDay: string;
	/** Whole days the remaining budget lasts at the last-7-days rate; undefined without spending. */
	readonly daysLeft: number | undefined;
}

/** What the budget needs from the spending ledger. */
export interface BudgetSpending {
	/** Each usage summary read: where exact charges are read. */
	noteSummary(summary: UsageSummary, account: string): void;
	/** Any paid request anywhere was refused for lack of budget (402, `budget_exceeded`, also mid-stream). */
	readonly onDidRefuse: vscode.Event<void>;
	/** New charges: the tooltip's figures moved. */
	readonly onDidChange: vscode.Event<void>;
	figures(remaining: number | undefined): SpendingFigures | undefined;
}
