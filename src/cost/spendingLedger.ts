import type { Consumption, PaidCallInfo, PaidFeature } from '../api/paidCalls';
import { RateBook } from './rateBook';

/**
 * The spending ledger: one record per paid request and what it cost. Pure: no `vscode`, no secrets.
 *
 * The service reports only a running total (`totalCost`). After each usage-summary read the growth
 * since the previous read is the charge of the calls that settled in between: exact when there was
 * one, otherwise apportioned by the per-model rates learned from exact charges (marked estimates;
 * together they always add up to what the service debited). A read while a call is still in flight is
 * not used: that call may or may not be in the total yet, so the next read settles the window.
 */

export interface LedgerRecord {
	readonly id: number;
	readonly startedAt: number;
	/** Undefined while in flight. */
	settledAt?: number;
	readonly feature: PaidFeature;
	readonly model?: string;
	readonly tag?: string;
	tokensIn?: number;
	tokensOut?: number;
	readonly units?: number;
	ok?: boolean;
	/** USD, once known. */
	charge?: number;
	/** The charge was apportioned (or estimated from rates), not read exactly. */
	estimate?: boolean;
	/** No total to read it from and no rate to estimate it with: it stays unknown. */
	unknown?: boolean;
}

export interface SettledCall {
	readonly ok: boolean;
	readonly tokensIn?: number;
	readonly tokensOut?: number;
}

export interface SavedLedger {
	readonly version: 1;
	readonly records: LedgerRecord[];
	readonly rates: unknown;
}

export const ledgerLimits = { maxRecords: 5000, maxAgeMs: 90 * 86_400_000 } as const;

const features: readonly PaidFeature[] = ['chatView', 'participant', 'languageModel', 'analyzeImage', 'image', 'speech', 'transcription', 'embeddings', 'video', 'apply'];

export class SpendingLedger {
	readonly rates: RateBook;
	private list: LedgerRecord[] = [];
	private readonly inFlight = new Map<number, LedgerRecord>();
	private nextId = 1;
	private baseline: { account: string; total: number } | undefined;

	constructor(private readonly now: () => number, saved?: unknown) {
		const parsed = parseSaved(saved);
		this.rates = new RateBook(parsed?.rates);
		this.list = parsed?.records ?? [];
		this.nextId = this.list.reduce((max, r) => Math.max(max, r.id), 0) + 1;
	}

	/** Every finished record, oldest first. */
	get records(): readonly LedgerRecord[] {
		return this.list;
	}

	get inFlightCount(): number {
		return this.inFlight.size;
	}

	begin(call: PaidCallInfo): number {
		const record: LedgerRecord = {
			id: this.nextId++, startedAt: this.now(), feature: call.feature ?? 'languageModel',
			...(call.model === undefined ? {} : { model: call.model }),
			...(call.tag === undefined ? {} : { tag: call.tag }),
			...(call.units === undefined ? {} : { units: call.units }),
		};
		this.inFlight.set(record.id, record);
		return record.id;
	}

	settle(id: number, outcome: SettledCall): void {
		const record = this.inFlight.get(id);
		if (!record) {
			return;
		}
		this.inFlight.delete(id);
		record.settledAt = this.now();
		record.ok = outcome.ok;
		if (outcome.tokensIn !== undefined) {
			record.tokensIn = outcome.tokensIn;
		}
		if (outcome.tokensOut !== undefined) {
			record.tokensOut = outcome.tokensOut;
		}
		this.list.push(record);
		this.prune();
	}

	/**
	 * A usage summary was read: charges the calls settled since the previous read. Returns the
	 * records charged now (none when a call is still in flight, or on the first read of an account).
	 */
	reconcile(totalCost: number, account: string): LedgerRecord[] {
		const pending = this.list.filter(r => r.charge === undefined && r.unknown !== true);
		if (this.baseline === undefined || this.baseline.account !== account) {
			// No earlier total of this account to subtract from: estimate what is pending, from rates only.
			this.baseline = { account, total: totalCost };
			return this.inFlight.size > 0 ? [] : this.estimateOnly(pending);
		}
		if (this.inFlight.size > 0) {
			return [];
		}
		const delta = round6(totalCost - this.baseline.total);
		this.baseline = { account, total: totalCost };
		if (pending.length === 0) {
			return []; // Spent elsewhere (another app on the same wallet), or nothing.
		}
		if (delta < 0) {
			return this.estimateOnly(pending); // The total went down (an adjustment): it says nothing about these calls.
		}
		if (pending.length === 1) {
			const [record] = pending;
			record.charge = delta;
			record.estimate = false;
			if (record.model !== undefined && (record.ok === true || delta > 0)) {
				this.rates.learn(record.model, consumption(record), delta);
			}
			return pending;
		}
		apportion(delta, pending, this.rates);
		return pending;
	}

	/** What `used` would likely cost with `model`, from the learned rates. */
	estimate(model: string | undefined, used: Consumption): number | undefined {
		return this.rates.estimate(model, used);
	}

	toJSON(): SavedLedger {
		return { version: 1, records: this.list.filter(r => r.charge !== undefined), rates: this.rates.toJSON() };
	}

	private estimateOnly(pending: LedgerRecord[]): LedgerRecord[] {
		const charged: LedgerRecord[] = [];
		for (const record of pending) {
			const estimate = this.rates.estimate(record.model, consumption(record));
			if (estimate !== undefined) {
				record.charge = round6(estimate);
				record.estimate = true;
				charged.push(record);
			} else {
				// Out of the pending window, so it cannot swallow a later call's charge.
				record.unknown = true;
			}
		}
		return charged;
	}

	private prune(): void {
		const cutoff = this.now() - ledgerLimits.maxAgeMs;
		if (this.list.length > ledgerLimits.maxRecords || (this.list[0]?.settledAt ?? Infinity) < cutoff) {
			this.list = this.list.filter(r => (r.settledAt ?? r.startedAt) >= cutoff).slice(-ledgerLimits.maxRecords);
		}
	}
}

/**
 * Splits `delta` over `records` in proportion to what the rates say each would cost (calls of models
 * without history get the mean of the others, or an equal share); the parts add up to `delta` exactly.
 */
export function apportion(delta: number, records: LedgerRecord[], rates: RateBook): void {
	const estimates = records.map(r => rates.estimate(r.model, consumption(r)));
	const known = estimates.filter((e): e is number => e !== undefined);
	const fallback = known.length > 0 ? known.reduce((a, b) => a + b, 0) / known.length : 1;
	// A failed call with no answer is weighed lightly (services rarely bill a refusal).
	const weights = estimates.map((e, i) => (e ?? fallback) * (records[i].ok === false && records[i].tokensOut === undefined ? 0.01 : 1));
	const total = weights.reduce((a, b) => a + b, 0);
	let assigned = 0;
	records.forEach((record, i) => {
		const share = i === records.length - 1
			? round6(delta - assigned)
			: round6(total > 0 ? delta * weights[i] / total : delta / records.length);
		assigned = round6(assigned + share);
		record.charge = share;
		record.estimate = true;
	});
}

export function consumption(record: Pick<LedgerRecord, 'tokensIn' | 'tokensOut' | 'units'>): Consumption {
	return {
		...(record.tokensIn === undefined ? {} : { tokensIn: record.tokensIn }),
		...(record.tokensOut === undefined ? {} : { tokensOut: record.tokensOut }),
		...(record.units === undefined ? {} : { units: record.units }),
	};
}

function round6(value: number): number {
	return Math.round(value * 1e6) / 1e6;
}

function parseSaved(value: unknown): { records: LedgerRecord[]; rates: unknown } | undefined {
	if (typeof value !== 'object' || value === null || (value as { version?: unknown }).version !== 1) {
		return undefined;
	}
	const raw = (value as { records?: unknown }).records;
	const records = (Array.isArray(raw) ? raw : []).slice(-ledgerLimits.maxRecords).filter(isRecord);
	return { records, rates: (value as { rates?: unknown }).rates };
}

function isRecord(value: unknown): value is LedgerRecord {
	if (typeof value !== 'object' || value === null) {
		return false;
	}
	const r = value as Record<string, unknown>;
	const optionalNumber = (n: unknown): boolean => n === undefined || (typeof n === 'number' && Number.isFinite(n));
	return typeof r.id === 'number' && typeof r.startedAt === 'number' && typeof r.settledAt === 'number'
		&& typeof r.charge === 'number' && Number.isFinite(r.charge) && r.charge >= 0
		&& typeof r.feature === 'string' && (features as readonly string[]).includes(r.feature)
		&& (r.model === undefined || (typeof r.model === 'string' && r.model.length <= 200))
		&& (r.tag === undefined || (typeof r.tag === 'string' && r.tag.length <= 200))
		&& optionalNumber(r.tokensIn) && optionalNumber(r.tokensOut) && optionalNumber(r.units);
}
