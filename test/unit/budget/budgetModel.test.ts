import assert from 'node:assert/strict';
import {
	type BudgetSnapshot, budgetSeverity, budgetState, minutesSince, parseCachedBudget, remainingShare, usageBar,
} from '../../../src/budget/budgetModel';

const base: BudgetSnapshot = { signedIn: true, fromCache: false, fetching: false, exhausted: false };
const figures = (remaining: number, max = 10): BudgetSnapshot['figures'] => ({ remaining, max, spent: max - remaining, fetchedAt: 0 });

describe('budget: model (pure)', () => {
	it('classifies ok, low (below warnBelow or under 10 % of max) and exhausted (≤ 0)', () => {
		assert.equal(budgetState({ ...base, figures: figures(7.55) }, 1), 'ok');
		assert.equal(budgetState({ ...base, figures: figures(0.99) }, 1), 'low', 'below warnBelow');
		assert.equal(budgetState({ ...base, figures: figures(4.99, 50) }, 1), 'low', 'under 10 % of max');
		assert.equal(budgetState({ ...base, figures: figures(5, 50) }, 1), 'ok', 'exactly 10 % is not low');
		assert.equal(budgetState({ ...base, figures: figures(1) }, 1), 'ok', 'exactly warnBelow is not low');
		assert.equal(budgetState({ ...base, figures: figures(2) }, 0), 'ok', 'warnBelow 0 leaves only the 10 % rule');
		assert.equal(budgetState({ ...base, figures: figures(0) }, 1), 'exhausted');
		assert.equal(budgetState({ ...base, figures: figures(-0.3) }, 1), 'exhausted');
		assert.equal(budgetState({ ...base, figures: figures(3, 0) }, 1), 'ok', 'no maximum: only warnBelow applies');
	});

	it('signed out wins; no figures means loading; a failure keeps the figures but says stale or offline', () => {
		assert.equal(budgetState({ ...base, signedIn: false, figures: figures(7) }, 1), 'signedOut');
		assert.equal(budgetState({ ...base, signedIn: undefined }, 1), 'loading');
		assert.equal(budgetState({ ...base, fetching: true }, 1), 'loading');
		const problem = { kind: 'stale' as const, message: 'x', since: 0 };
		assert.equal(budgetState({ ...base, figures: figures(7), problem }, 1), 'stale');
		assert.equal(budgetState({ ...base, figures: figures(7), problem, fetching: true }, 1), 'stale', 'a retry in flight does not clear it');
		assert.equal(budgetState({ ...base, problem: { ...problem, kind: 'offline' } }, 1), 'offline');
		assert.equal(budgetSeverity({ ...base, figures: figures(0.5), problem }, 1), 'low', 'the colour still follows the last figure');
	});

	it('a 402 refusal means exhausted, even over a positive figure or a failed refresh', () => {
		const snapshot: BudgetSnapshot = { ...base, figures: figures(3), exhausted: true, problem: { kind: 'stale', message: 'x', since: 0 } };
		assert.equal(budgetState(snapshot, 1), 'exhausted');
		assert.equal(budgetSeverity(snapshot, 1), 'exhausted');
	});

	it('draws a ten-cell bar in eighths', () => {
		assert.equal(usageBar(1), '██████████');
		assert.equal(usageBar(0), '░░░░░░░░░░');
		assert.equal(usageBar(0.755), '███████▌░░');
		assert.equal(usageBar(2), '██████████', 'clamped');
		assert.ok([0, 0.01, 0.33, 0.5, 0.99].every(s => [...usageBar(s)].length === 10));
		assert.equal(remainingShare({ remaining: 7.55, max: 10, spent: 2.45, fetchedAt: 0 }), 0.755);
		assert.equal(remainingShare({ remaining: -1, max: 10, spent: 11, fetchedAt: 0 }), 0);
		assert.equal(remainingShare({ remaining: 1, max: 0, spent: 0, fetchedAt: 0 }), undefined);
		assert.equal(minutesSince(0, 5 * 60_000 + 59_999), 5);
		assert.equal(minutesSince(10, 0), 0, 'a clock that went back is "just now"');
	});

	it('reads a cache entry only when every field is there and typed', () => {
		const good = { remaining: 7.55, max: 10, spent: 2.45, fetchedAt: 1, accountId: 'u_ada', baseUrl: 'https://aipass.one' };
		assert.deepEqual(parseCachedBudget(good), good);
		assert.deepEqual(parseCachedBudget({ ...good, accessToken: 'leak' }), good, 'unknown fields are dropped, not kept');
		assert.equal(parseCachedBudget({ ...good, remaining: '7.55' }), undefined);
		assert.equal(parseCachedBudget({ ...good, max: Number.NaN }), undefined);
		assert.equal(parseCachedBudget({ ...good, accountId: undefined }), undefined);
		assert.equal(parseCachedBudget(null), undefined);
		assert.equal(parseCachedBudget('x'), undefined);
	});
});
