import assert from 'node:assert/strict';
import { RateBook } from '../../../src/cost/rateBook';
import { apportion, type LedgerRecord, SpendingLedger } from '../../../src/cost/spendingLedger';

function clock(start = Date.UTC(2026, 10, 20, 12)): { now: () => number; advance(ms: number): void } {
	let time = start;
	return { now: () => time, advance: ms => { time += ms; } };
}

const chat = { route: 'chat/completions', model: 'gpt-5-mini', feature: 'chatView' } as const;

describe('cost: rate learning', () => {
	it('learns separate input and output token prices from exact charges', () => {
		const rates = new RateBook();
		const a = 0.000002;
		const b = 0.000008;
		for (const [tin, tout] of [[1000, 200], [300, 900], [5000, 50], [800, 800]]) {
			rates.learn('m', { tokensIn: tin, tokensOut: tout }, a * tin + b * tout);
		}
		const estimate = rates.estimate('m', { tokensIn: 2000, tokensOut: 500 });
		assert.ok(estimate !== undefined && Math.abs(estimate - (a * 2000 + b * 500)) < 1e-9, String(estimate));
	});

	it('uses the typical answer length before the answer exists, and one blended rate from a single observation', () => {
		const rates = new RateBook();
		rates.learn('m', { tokensIn: 100, tokensOut: 100 }, 0.002);
		// One observation cannot separate input from output: 0.002 / 200 tokens, with a 100-token answer assumed.
		assert.equal(rates.estimate('m', { tokensIn: 300 }), 0.00001 * 400);
	});

	it('learns a price per unit (video seconds) and per request', () => {
		const rates = new RateBook();
		rates.learn('sora-2', { units: 4 }, 0.4);
		assert.ok(Math.abs((rates.estimate('sora-2', { units: 10 }) ?? 0) - 1) < 1e-12);
		assert.ok(Math.abs((rates.estimate('sora-2', {}) ?? 0) - 0.4) < 1e-12);
		assert.equal(rates.estimate('unknown-model', { units: 10 }), undefined);
	});

	it('follows a price change within a few calls (older observations fade)', () => {
		const rates = new RateBook();
		for (let i = 0; i < 10; i++) {
			rates.learn('v', { units: 1 }, 0.1);
		}
		for (let i = 0; i < 10; i++) {
			rates.learn('v', { units: 1 }, 0.2);
		}
		const estimate = rates.estimate('v', { units: 1 }) ?? 0;
		assert.ok(estimate > 0.19 && estimate <= 0.2, String(estimate));
	});

	it('survives a save and reload, and ignores a damaged save', () => {
		const rates = new RateBook();
		rates.learn('m', { units: 2 }, 0.1);
		const reloaded = new RateBook(JSON.parse(JSON.stringify(rates.toJSON())));
		assert.equal(reloaded.estimate('m', { units: 4 }), rates.estimate('m', { units: 4 }));
		assert.deepEqual(new RateBook({ m: { rw: 'x' } }).models, []);
	});
});

describe('cost: ledger and apportioning', () => {
	it('a call alone between two reads gets the exact growth of totalCost, and teaches its model\'s rate', () => {
		const time = clock();
		const ledger = new SpendingLedger(time.now);
		assert.deepEqual(ledger.reconcile(2.45, 'ada'), []);
		const id = ledger.begin({ ...chat, tag: 'answer-1' });
		ledger.settle(id, { ok: true, tokensIn: 120, tokensOut: 80 });
		const [record] = ledger.reconcile(2.4637, 'ada');
		assert.equal(record.charge, 0.0137);
		assert.equal(record.estimate, false);
		assert.equal(record.tag, 'answer-1');
		assert.ok(ledger.rates.has('gpt-5-mini'));
	});

	it('waits while another call is in flight: its debit may already be in the total', () => {
		const ledger = new SpendingLedger(clock().now);
		ledger.reconcile(1, 'ada');
		const a = ledger.begin(chat);
		const b = ledger.begin({ ...chat, feature: 'languageModel' });
		ledger.settle(a, { ok: true, tokensIn: 100, tokensOut: 100 });
		assert.deepEqual(ledger.reconcile(1.01, 'ada'), []);
		ledger.settle(b, { ok: true, tokensIn: 100, tokensOut: 300 });
		const charged = ledger.reconcile(1.03, 'ada');
		assert.equal(charged.length, 2);
		assert.ok(charged.every(r => r.estimate === true));
		assert.equal(Math.round(charged.reduce((sum, r) => sum + (r.charge ?? 0), 0) * 1e6) / 1e6, 0.03, 'the estimates add up to the debit');
	});

	it('apportions by learned rates: a call of a pricier model gets the larger share', () => {
		const rates = new RateBook();
		rates.learn('cheap', { units: 1 }, 0.01);
		rates.learn('dear', { units: 1 }, 0.09);
		const records: LedgerRecord[] = [
			{ id: 1, startedAt: 0, settledAt: 1, feature: 'image', model: 'cheap', units: 1, ok: true },
			{ id: 2, startedAt: 0, settledAt: 1, feature: 'image', model: 'dear', units: 1, ok: true },
		];
		apportion(0.2, records, rates);
		assert.equal(records[0].charge, 0.02);
		assert.equal(records[1].charge, 0.18);
		assert.ok(records.every(r => r.estimate));
	});

	it('splits equally without any rates, and the parts always add up exactly', () => {
		const records: LedgerRecord[] = [1, 2, 3].map(id => ({ id, startedAt: 0, settledAt: 1, feature: 'chatView', ok: true }));
		apportion(0.01, records, new RateBook());
		assert.deepEqual(records.map(r => r.charge), [0.003333, 0.003333, 0.003334]);
	});

	it('the first read of another account starts a new baseline; calls before it are estimated from rates or stay unknown', () => {
		const ledger = new SpendingLedger(clock().now);
		ledger.reconcile(5, 'ada');
		ledger.settle(ledger.begin(chat), { ok: true, tokensIn: 10, tokensOut: 10 });
		assert.deepEqual(ledger.reconcile(0.5, 'grace'), [], 'no rate for gpt-5-mini yet');
		ledger.settle(ledger.begin(chat), { ok: true, tokensIn: 10, tokensOut: 10 });
		const [record] = ledger.reconcile(0.51, 'grace');
		assert.equal(record.charge, 0.01, 'the unknown earlier call does not share this window');
	});

	it('is bounded and survives a reload without its in-flight calls', () => {
		const time = clock();
		const ledger = new SpendingLedger(time.now);
		ledger.reconcile(0, 'ada');
		for (let i = 0; i < 3; i++) {
			ledger.settle(ledger.begin(chat), { ok: true, tokensIn: 10, tokensOut: 10 });
			ledger.reconcile((i + 1) * 0.001, 'ada');
		}
		ledger.begin(chat);
		const reloaded = new SpendingLedger(time.now, JSON.parse(JSON.stringify(ledger.toJSON())));
		assert.equal(reloaded.records.length, 3);
		assert.equal(reloaded.inFlightCount, 0);
		time.advance(91 * 86_400_000);
		reloaded.reconcile(1, 'ada');
		reloaded.settle(reloaded.begin(chat), { ok: true });
		assert.equal(reloaded.records.length, 1, 'records older than 90 days are dropped');
	});
});
