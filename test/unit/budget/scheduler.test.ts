import assert from 'node:assert/strict';
import { type UsageSummary } from '../../../src/api/types';
import { BudgetScheduler, type FetchResult } from '../../../src/budget/scheduler';
import { backoffDelay, defaultTiming, type SchedulerTiming } from '../../../src/budget/schedulerTiming';
import { RateLimitedError } from '../../../src/api/errors';
import { useEmulator } from '../api/helpers';
import { FakeClock } from './fakeClock';

const second = 1000;
const minute = 60 * second;
const summaryPath = '/usage/me/summary';

/**
 * The scheduler on a fake clock, fetching the real usage summary from the emulator through the real
 * API client. Requests are counted in the emulator's log, not in the test.
 */
describe('budget: scheduler (fake clock, real client against the emulator)', () => {
	const api = useEmulator();
	let clock: FakeClock;
	let scheduler: BudgetScheduler;
	/** Fake-clock time at which each fetch started. */
	let starts: number[];
	let results: FetchResult[];
	let concurrent: number;
	let maxConcurrent: number;

	function create(options: { focused?: boolean; intervalMs?: number; timing?: Partial<SchedulerTiming> } = {}): BudgetScheduler {
		clock = new FakeClock();
		starts = [];
		results = [];
		concurrent = 0;
		maxConcurrent = 0;
		scheduler = new BudgetScheduler({
			clock,
			intervalMs: options.intervalMs ?? 5 * minute,
			focused: options.focused ?? true,
			timing: options.timing,
			fetchSummary: async (signal): Promise<UsageSummary> => {
				starts.push(clock.now());
				concurrent++;
				maxConcurrent = Math.max(maxConcurrent, concurrent);
				try {
					return await api.client.usageSummary(signal);
				} finally {
					concurrent--;
				}
			},
			retryAfterMs: error => error instanceof RateLimitedError && error.retryAfterSeconds !== undefined ? error.retryAfterSeconds * second : undefined,
			onFetchEnd: result => results.push(result),
		});
		return scheduler;
	}

	const settle = (): Promise<void> => scheduler.settled();
	const advance = (ms: number): Promise<void> => clock.advance(ms, settle);
	const summaryRequests = async (): Promise<number> => (await api.emulator.admin.requests({ path: summaryPath })).length;

	afterEach(() => scheduler?.dispose());

	it('polls at once, then every interval: 12 requests in an idle focused hour with the default 5 minutes', async () => {
		create().setActive(true);
		await advance(60 * minute - 1);
		assert.deepEqual(starts, Array.from({ length: 12 }, (_, i) => i * 5 * minute));
		assert.equal(await summaryRequests(), 12);
		assert.ok(results.every(r => r.ok));
		assert.equal(maxConcurrent, 1);
	});

	it('sends nothing for an hour while no window is focused, and nothing while inactive', async () => {
		create({ focused: false }).setActive(true);
		await advance(60 * minute);
		assert.equal(await summaryRequests(), 0);
		assert.equal(clock.pending, 0, 'no timer runs while unfocused');

		create();
		await advance(60 * minute);
		assert.equal(await summaryRequests(), 0, 'not signed in: never asks');
		assert.equal(clock.pending, 0);
	});

	it('pauses on blur and, on focus, refreshes a stale figure once after the focus settles', async () => {
		create().setActive(true);
		await advance(1 * minute);
		scheduler.setFocused(false);
		await advance(60 * minute);
		assert.deepEqual(starts, [0]);
		// Flapping focus (alt-tab, alt-tab) makes one request, a second after it settles.
		scheduler.setFocused(true);
		await advance(500);
		scheduler.setFocused(false);
		scheduler.setFocused(true);
		await advance(999);
		assert.equal(starts.length, 1);
		await advance(1);
		assert.deepEqual(starts, [0, 61 * minute + 1500]);
		// Then the regular schedule resumes from that fetch.
		await advance(5 * minute);
		assert.deepEqual(starts, [0, 61 * minute + 1500, 66 * minute + 1500]);
		assert.equal(await summaryRequests(), 3);
	});

	it('does not refresh on focus when the figure is younger than 30 s', async () => {
		create().setActive(true);
		await advance(10 * second);
		scheduler.setFocused(false);
		scheduler.setFocused(true);
		await advance(5 * minute - 10 * second - 1);
		assert.deepEqual(starts, [0], 'a 10-second-old figure is fresh enough');
		await advance(1);
		assert.deepEqual(starts, [0, 5 * minute]);
	});

	it('coalesces a burst of paid requests into one fetch, 1.5 s after the last', async () => {
		create().setActive(true);
		await advance(1 * minute);
		for (let i = 0; i < 20; i++) {
			scheduler.paidRequestSettled();
			await advance(200);
		}
		// Last one at 1 min + 3.8 s; the fetch comes 1.5 s later.
		await advance(1500 - 200 - 1);
		assert.deepEqual(starts, [0]);
		await advance(1);
		assert.deepEqual(starts, [0, 1 * minute + 5300]);
		assert.equal(await summaryRequests(), 2);
	});

	it('a never-ending burst still refreshes every 10 s, not on each request', async () => {
		create().setActive(true);
		await advance(1 * minute);
		for (let i = 0; i < 30 * 4; i++) {
			scheduler.paidRequestSettled(); // one every 250 ms for 30 s
			await advance(250);
		}
		assert.deepEqual(starts, [0, 70 * second, 80 * second, 90 * second]);
	});

	it('the figure read after a paid request reflects the debit', async () => {
		create().setActive(true);
		await advance(0);
		await api.client.chat({ model: 'gpt-5-mini', messages: [{ role: 'user', content: 'hello' }] });
		scheduler.paidRequestSettled();
		await advance(2 * second);
		assert.equal(results.length, 2);
		const [before, after] = results.map(r => (r.ok ? r.summary.remainingBudget : NaN));
		assert.equal(before, 7.55);
		assert.ok(after < before, `${after} < ${before}`);
	});

	it('a paid request that settles during a fetch gets exactly one follow-up fetch', async () => {
		create().setActive(true);
		const first = scheduler.refresh();
		assert.equal(scheduler.isFetching, true);
		scheduler.paidRequestSettled();
		scheduler.paidRequestSettled();
		await first;
		await settle();
		assert.deepEqual(starts, [0, 0]);
		assert.equal(await summaryRequests(), 2);
		assert.equal(maxConcurrent, 1);
	});

	it('keeps at most one request in flight however often refresh is forced', async () => {
		create().setActive(true);
		await api.emulator.admin.fault({ kind: 'hang', path: summaryPath });
		const refreshes = Array.from({ length: 10 }, () => scheduler.refresh());
		for (let i = 0; i < 5; i++) {
			scheduler.paidRequestSettled();
		}
		// The request hangs: polls, retries and debounced refreshes all wait for it (time runs, nothing is sent).
		await clock.advance(60 * minute);
		for (let i = 0; i < 10; i++) {
			void scheduler.refresh();
		}
		await waitUntil(async () => (await summaryRequests()) === 1);
		assert.equal(scheduler.isFetching, true);
		assert.equal(maxConcurrent, 1);
		assert.equal(starts.length, 1);
		scheduler.dispose(); // aborts the hung request
		await Promise.all(refreshes);
		assert.equal(await summaryRequests(), 1);
	});

	it('backs off exponentially after failures (30 s doubling, capped at 30 min), then polls normally again', async () => {
		create().setActive(true);
		await api.emulator.admin.fault({ kind: 'serverError', path: summaryPath, times: 8 });
		await advance(3 * 60 * minute);
		const gaps = starts.slice(1).map((t, i) => t - starts[i]);
		assert.deepEqual(gaps.slice(0, 9).map(g => g / second), [30, 60, 120, 240, 480, 960, 1800, 1800, 300]);
		assert.deepEqual(results.slice(0, 9).map(r => r.ok), [false, false, false, false, false, false, false, false, true]);
		assert.ok(gaps.slice(8).every(g => g === 5 * minute), 'regular polling after the recovery');
		assert.equal(scheduler.consecutiveFailures, 0);
	});

	it('honours Retry-After when it asks for more than the backoff', async () => {
		create().setActive(true);
		await api.emulator.admin.fault({ kind: 'rateLimit', retryAfter: 120, path: summaryPath });
		await advance(3 * minute);
		assert.deepEqual(starts, [0, 120 * second]);
	});

	it('caps a Retry-After of a day at 5 minutes', async () => {
		create().setActive(true);
		await api.emulator.admin.fault({ kind: 'rateLimit', retryAfter: 86_400, path: summaryPath });
		await advance(10 * minute);
		assert.deepEqual(starts.slice(0, 2), [0, 5 * minute]);
	});

	it('a paid request or focus during a Retry-After waits for its deadline instead of fetching early', async () => {
		create().setActive(true);
		await api.emulator.admin.fault({ kind: 'rateLimit', retryAfter: 120, path: summaryPath });
		await advance(10 * second);
		scheduler.paidRequestSettled();
		await advance(20 * second);
		scheduler.setFocused(false);
		scheduler.setFocused(true);
		await advance(2 * minute);
		assert.deepEqual(starts, [0, 120 * second]);
	});

	it('a 60-minute interval caps the backoff at the interval, not below it', async () => {
		create({ intervalMs: 60 * minute }).setActive(true);
		await api.emulator.admin.fault({ kind: 'serverError', path: summaryPath, times: 10 });
		await advance(5 * 60 * minute);
		const gaps = starts.slice(1).map((t, i) => t - starts[i]);
		assert.ok(Math.max(...gaps) === 60 * minute, `longest gap ${Math.max(...gaps) / minute} min`);
	});

	it('a paid request while unfocused is fetched as soon as focus returns, even if the figure is fresh', async () => {
		create().setActive(true);
		await advance(0);
		scheduler.setFocused(false);
		scheduler.paidRequestSettled();
		await advance(10 * minute);
		assert.deepEqual(starts, [0]);
		scheduler.setFocused(true);
		await advance(1 * second);
		assert.deepEqual(starts, [0, 10 * minute + 1 * second]);
	});

	it('a shorter interval takes effect at once; deactivation stops everything', async () => {
		create().setActive(true);
		await advance(2 * minute);
		scheduler.setIntervalMs(1 * minute);
		await advance(0);
		assert.deepEqual(starts, [0, 2 * minute], 'overdue under the new interval: fetched now');
		await advance(1 * minute);
		assert.deepEqual(starts, [0, 2 * minute, 3 * minute]);
		scheduler.setActive(false);
		scheduler.paidRequestSettled();
		assert.equal(clock.pending, 0);
		await advance(60 * minute);
		assert.equal(starts.length, 3);
		scheduler.setActive(true);
		await advance(0);
		assert.equal(starts.length, 4, 'signing in again fetches at once');
	});
});

describe('budget: backoff delay (pure)', () => {
	it('doubles from 30 s, caps at max(30 min, interval), and respects Retry-After', () => {
		const delays = [1, 2, 3, 4, 5, 6, 7, 8, 40].map(n => backoffDelay(n, 5 * minute, 0, defaultTiming) / second);
		assert.deepEqual(delays, [30, 60, 120, 240, 480, 960, 1800, 1800, 1800]);
		assert.equal(backoffDelay(9, 60 * minute, 0, defaultTiming), 60 * minute, 'a long interval raises the cap');
		assert.equal(backoffDelay(1, 5 * minute, 90 * second, defaultTiming), 90 * second);
		assert.equal(backoffDelay(5, 5 * minute, 90 * second, defaultTiming), 480 * second, 'Retry-After is a floor, not a replacement');
		assert.equal(backoffDelay(1, 5 * minute, 24 * 60 * minute, defaultTiming), 5 * minute, 'Retry-After is capped at 5 minutes');
	});
});

async function waitUntil(probe: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await probe())) {
		if (Date.now() > deadline) {
			throw new Error('condition not reached');
		}
		await new Promise(resolve => setTimeout(resolve, 20));
	}
}
