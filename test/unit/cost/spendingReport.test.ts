import assert from 'node:assert/strict';
import type { LedgerRecord } from '../../../src/cost/spendingLedger';
import { spendingReport } from '../../../src/cost/spendingReport';

const day = 86_400_000;
const now = new Date(2026, 10, 27, 15, 0, 0).getTime();

function record(id: number, ago: number, charge: number, extra: Partial<LedgerRecord> = {}): LedgerRecord {
	return { id, startedAt: now - ago, settledAt: now - ago, feature: 'chatView', model: 'gpt-5-mini', ok: true, charge, estimate: false, ...extra };
}

describe('cost: spending report and forecast', () => {
	const records = [
		record(1, 20 * day, 1),
		record(2, 6 * day, 0.7, { feature: 'video', model: 'sora-2' }),
		record(3, 2 * day, 0.35, { estimate: true }),
		record(4, 1000, 0.35),
	];

	it('sums today and the last 7 days, and forecasts from the 7-day burn rate', () => {
		const report = spendingReport(records, now, 2);
		assert.equal(report.today, 0.35);
		assert.equal(Math.round(report.last7Days * 100) / 100, 1.4);
		assert.equal(Math.round(report.burnPerDay * 100) / 100, 0.2);
		assert.equal(Math.round(report.daysLeft ?? 0), 10);
		assert.equal(report.forecast30Days, 2, 'never more than what is left');
	});

	it('a ledger younger than a week burns over its own age, not over 7 days', () => {
		const report = spendingReport([record(1, 2 * day, 1)], now, 10);
		assert.equal(report.burnPerDay, 0.5);
		assert.equal(report.daysLeft, 20);
	});

	it('charts 30 days, today last, every record of the month in its day', () => {
		const report = spendingReport(records, now, undefined);
		assert.equal(report.perDay.length, 30);
		assert.equal(report.perDay[29].amount, 0.35);
		assert.equal(Math.round(report.perDay.reduce((sum, d) => sum + d.amount, 0) * 100) / 100, 2.4);
		assert.equal(report.perDay[9].amount, 1, 'the call of 20 days ago');
		assert.equal(spendingReport([record(9, 31 * day, 5)], now, undefined).perDay.every(d => d.amount === 0), true, 'older than 30 days: not charted');
	});

	it('groups by model and feature (largest first, estimates flagged)', () => {
		const report = spendingReport(records, now, undefined);
		assert.deepEqual(report.byModel.map(s => [s.key, Math.round(s.amount * 100) / 100, s.requests, s.estimated]), [['gpt-5-mini', 1.7, 3, true], ['sora-2', 0.7, 1, false]]);
		assert.deepEqual(report.byFeature.map(s => s.key), ['chatView', 'video']);
		assert.equal(report.daysLeft, undefined, 'no remaining figure, no forecast of days');
	});

	it('nothing spent: no burn, no days left', () => {
		const report = spendingReport([], now, 5);
		assert.equal(report.burnPerDay, 0);
		assert.equal(report.daysLeft, undefined);
	});
});
