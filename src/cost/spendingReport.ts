import type { PaidFeature } from '../api/paidCalls';
import type { LedgerRecord } from './spendingLedger';

/** Spending over time from the ledger: what the tooltip, `/budget` and the usage panel show. Pure. */

export interface DayTotal {
	/** Local date, `YYYY-MM-DD`. */
	readonly day: string;
	readonly amount: number;
}

export interface Share<K extends string> {
	readonly key: K;
	readonly amount: number;
	readonly requests: number;
	/** Part of the amount is apportioned, not read exactly. */
	readonly estimated: boolean;
}

export interface SpendingReport {
	readonly today: number;
	readonly last7Days: number;
	/** USD per day over the last 7 days (or since the first record, when the ledger is younger). */
	readonly burnPerDay: number;
	/** Days the remaining budget lasts at that rate; undefined without spending or without a remaining figure. */
	readonly daysLeft: number | undefined;
	/** The last 30 days, oldest first, today last. */
	readonly perDay: readonly DayTotal[];
	readonly byModel: readonly Share<string>[];
	readonly byFeature: readonly Share<PaidFeature>[];
	/** Spending of the next 30 days at the burn rate, capped at what is left. */
	readonly forecast30Days: number;
	readonly requests30Days: number;
}

const dayMs = 86_400_000;

export function spendingReport(records: readonly LedgerRecord[], now: number, remaining: number | undefined): SpendingReport {
	const charged = records.filter((r): r is LedgerRecord & { charge: number; settledAt: number } => r.charge !== undefined && r.settledAt !== undefined);
	const todayStart = startOfDay(now);
	const weekStart = now - 7 * dayMs;
	const monthStart = startOfDay(now - 29 * dayMs);
	const sum = (list: readonly { charge: number }[]): number => list.reduce((total, r) => total + r.charge, 0);
	const today = sum(charged.filter(r => r.settledAt >= todayStart));
	const lastWeek = charged.filter(r => r.settledAt >= weekStart);
	const last7Days = sum(lastWeek);
	const first = charged.reduce((min, r) => Math.min(min, r.settledAt), Infinity);
	const spanDays = Math.min(7, Math.max(1, (now - first) / dayMs));
	const burnPerDay = lastWeek.length === 0 ? 0 : last7Days / spanDays;
	const daysLeft = remaining !== undefined && burnPerDay > 0 ? Math.max(0, remaining) / burnPerDay : undefined;
	const month = charged.filter(r => r.settledAt >= monthStart);
	const perDay: DayTotal[] = [];
	for (let i = 29; i >= 0; i--) {
		const start = startOfDay(now - i * dayMs);
		const end = startOfDay(start + 1.5 * dayMs);
		perDay.push({ day: dayKey(start), amount: sum(month.filter(r => r.settledAt >= start && r.settledAt < end)) });
	}
	const forecast = burnPerDay * 30;
	return {
		today, last7Days, burnPerDay, daysLeft, perDay,
		byModel: shares(month, r => r.model ?? '?'),
		byFeature: shares(month, r => r.feature),
		forecast30Days: remaining === undefined ? forecast : Math.min(forecast, Math.max(0, remaining)),
		requests30Days: month.length,
	};
}

function shares<K extends string>(records: readonly (LedgerRecord & { charge: number })[], keyOf: (r: LedgerRecord) => K): Share<K>[] {
	const map = new Map<K, { amount: number; requests: number; estimated: boolean }>();
	for (const r of records) {
		const key = keyOf(r);
		const entry = map.get(key) ?? { amount: 0, requests: 0, estimated: false };
		entry.amount += r.charge;
		entry.requests += 1;
		entry.estimated ||= r.estimate === true;
		map.set(key, entry);
	}
	return [...map.entries()].map(([key, v]) => ({ key, ...v })).sort((a, b) => b.amount - a.amount || a.key.localeCompare(b.key));
}

function startOfDay(time: number): number {
	const date = new Date(time);
	date.setHours(0, 0, 0, 0);
	return date.getTime();
}

function dayKey(time: number): string {
	const date = new Date(time);
	return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}
