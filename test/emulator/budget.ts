import { type Ctx, aipassError, liteLlmError, sendJson } from './http';
import { type EmulatorState } from './state';
import { type BudgetView } from './types';

/** What each paid call costs, in USD (deterministic so tests can assert balances). */
export const COSTS = {
	chatBase: 0.002,
	chatPerChar: 0.000001,
	image: 0.04,
	imageEdit: 0.05,
	speech: 0.015,
	transcription: 0.006,
	embeddings: 0.0001,
	video: 0.5,
} as const;

export function round4(value: number): number {
	return Math.round(value * 10000) / 10000;
}

export function budgetView(state: EmulatorState, sub: string): BudgetView {
	const budget = state.budgets.get(sub) ?? { maxBudget: 0, totalCost: 0 };
	return {
		sub,
		maxBudget: round4(budget.maxBudget),
		totalCost: round4(budget.totalCost),
		remainingBudget: round4(budget.maxBudget - budget.totalCost),
	};
}

/**
 * Before a paid call: true when the user may spend, else the insufficient-balance response is sent.
 * Only an exhausted balance blocks; the call that crosses zero still succeeds.
 */
export function ensureBudget(ctx: Ctx, sub: string): boolean {
	const view = budgetView(ctx.state, sub);
	if (view.remainingBudget > 0) {
		return true;
	}
	if (ctx.state.config.budgetErrorStyle === 'litellm') {
		const message = `Budget has been exceeded! Current cost: ${view.totalCost}, Max budget: ${view.maxBudget}`;
		sendJson(ctx, 400, liteLlmError(400, message, 'budget_exceeded'));
	} else {
		sendJson(ctx, 402, aipassError('Insufficient balance. Please top up your AI Pass wallet.', 'insufficient_balance'));
	}
	return false;
}

export function debit(state: EmulatorState, sub: string, cost: number): void {
	const budget = state.budgets.get(sub);
	if (budget) {
		budget.totalCost = round4(budget.totalCost + cost);
	}
}
