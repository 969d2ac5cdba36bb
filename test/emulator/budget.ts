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

/** A price an admin set for one model (USD); any part may be 0. */
export interface ModelPrice {
	perRequest: number;
	inputPerToken: number;
	outputPerToken: number;
	/** Per image made, video second or character read aloud. */
	perUnit: number;
}

/** What a call used, for pricing. */
export interface Consumption {
	promptTokens?: number;
	completionTokens?: number;
	units?: number;
}

/**
 * The charge of one call: the model's admin-set price when it has one (per request, per token in and
 * out, per unit), else the fixed default for the route (`fallback`).
 */
export function chargeFor(state: EmulatorState, model: string, used: Consumption, fallback: number): number {
	const price = state.prices.get(model);
	if (!price) {
		return fallback;
	}
	return price.perRequest + price.inputPerToken * (used.promptTokens ?? 0) + price.outputPerToken * (used.completionTokens ?? 0)
		+ price.perUnit * (used.units ?? 0);
}

/** Validates an admin price body: `{model, perRequest?, inputPerToken?, outputPerToken?, perUnit?}`. */
export function parsePrice(body: Record<string, unknown>): { model: string; price: ModelPrice } | string {
	const { model } = body;
	if (typeof model !== 'string' || model === '') {
		return 'model is required.';
	}
	const parts = ['perRequest', 'inputPerToken', 'outputPerToken', 'perUnit'] as const;
	const price: ModelPrice = { perRequest: 0, inputPerToken: 0, outputPerToken: 0, perUnit: 0 };
	for (const part of parts) {
		const value = body[part];
		if (value === undefined) {
			continue;
		}
		if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
			return `${part} must be a number >= 0.`;
		}
		price[part] = value;
	}
	return { model, price };
}

export function debit(state: EmulatorState, sub: string, cost: number): void {
	const budget = state.budgets.get(sub);
	if (budget) {
		budget.totalCost = round4(budget.totalCost + cost);
	}
}
