/** The budget figures and the rules that turn them into a state. Pure: no `vscode`. */

/** USD amounts as the usage summary reports them, and when they were read. */
export interface BudgetFigures {
	readonly remaining: number;
	readonly max: number;
	readonly spent: number;
	/** Epoch ms. */
	readonly fetchedAt: number;
}

/** What the last fetch left us with when it failed. `offline`: the service could not be reached. */
export interface BudgetProblem {
	readonly kind: 'stale' | 'offline';
	/** A sentence for the user (see `messageForUser`). */
	readonly message: string;
	readonly since: number;
}

/** Everything the status bar shows, as data. */
export interface BudgetSnapshot {
	/** `undefined` while the sessions are still being read at startup. */
	readonly signedIn: boolean | undefined;
	readonly accountLabel?: string;
	readonly figures?: BudgetFigures;
	/** The figures come from the previous session's cache and have not been refreshed yet. */
	readonly fromCache: boolean;
	readonly fetching: boolean;
	readonly problem?: BudgetProblem;
	/** A request was refused for lack of budget (HTTP 402) after the figures were read. */
	readonly exhausted: boolean;
}

export type BudgetState = 'signedOut' | 'loading' | 'ok' | 'low' | 'exhausted' | 'stale' | 'offline';
export type BudgetSeverity = 'none' | 'low' | 'exhausted';

/** Below `warnBelow` USD or under this share of the maximum, the budget is low. */
export const lowShare = 0.1;

export function budgetSeverity(snapshot: BudgetSnapshot, warnBelow: number): BudgetSeverity {
	const figures = snapshot.figures;
	if (snapshot.exhausted || (figures !== undefined && figures.remaining <= 0)) {
		return 'exhausted';
	}
	if (figures !== undefined && (figures.remaining < warnBelow || (figures.max > 0 && figures.remaining < figures.max * lowShare))) {
		return 'low';
	}
	return 'none';
}

export function budgetState(snapshot: BudgetSnapshot, warnBelow: number): BudgetState {
	if (snapshot.signedIn === false) {
		return 'signedOut';
	}
	const severity = budgetSeverity(snapshot, warnBelow);
	if (severity === 'exhausted' && snapshot.exhausted) {
		return 'exhausted'; // A refusal is news, whatever the last fetch said.
	}
	if (snapshot.problem) {
		return snapshot.problem.kind; // Until a fetch succeeds (a retry in flight does not clear it).
	}
	if (snapshot.figures === undefined) {
		return 'loading';
	}
	return severity === 'none' ? 'ok' : severity;
}

/** Share of the maximum still available, 0..1; undefined without a positive maximum. */
export function remainingShare(figures: BudgetFigures): number | undefined {
	return figures.max > 0 ? Math.min(1, Math.max(0, figures.remaining / figures.max)) : undefined;
}

/** A battery-like bar in eighth blocks, e.g. `███████▌░░` for 0.75. */
export function usageBar(share: number, cells = 10): string {
	const eighths = Math.round(Math.min(1, Math.max(0, share)) * cells * 8);
	const full = Math.floor(eighths / 8);
	const partial = eighths % 8;
	const partials = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
	return '█'.repeat(full) + partials[partial] + '░'.repeat(cells - full - (partial > 0 ? 1 : 0));
}

/** Whole minutes since `time` (never negative). */
export function minutesSince(time: number, now: number): number {
	return Math.max(0, Math.floor((now - time) / 60_000));
}

/** What survives a reload in `globalState`: figures and whose they are, never a token. */
export interface CachedBudget extends BudgetFigures {
	readonly accountId: string;
	readonly baseUrl: string;
}

export function parseCachedBudget(value: unknown): CachedBudget | undefined {
	if (typeof value !== 'object' || value === null) {
		return undefined;
	}
	const record = value as Record<string, unknown>;
	const { remaining, max, spent, fetchedAt, accountId, baseUrl } = record;
	const numbers = [remaining, max, spent, fetchedAt].every(n => typeof n === 'number' && Number.isFinite(n));
	if (!numbers || typeof accountId !== 'string' || typeof baseUrl !== 'string') {
		return undefined;
	}
	return { remaining: remaining as number, max: max as number, spent: spent as number, fetchedAt: fetchedAt as number, accountId, baseUrl };
}
