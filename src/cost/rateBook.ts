/**
 * Per-model prices learned from exact charges. Pure: no `vscode`.
 *
 * Token-billed calls fit charge ≈ a·tokensIn + b·tokensOut by least squares (two unknowns, no
 * intercept); calls billed by units (images, video seconds, characters) learn a price per unit;
 * everything also learns the mean charge per request. Older observations fade (each new one weighs
 * 1, the earlier ones are multiplied by `decay`), so a price change is followed within a few calls.
 */

import type { Consumption } from '../api/paidCalls';

interface ModelStats {
	/** Token fit: Σin², Σout², Σin·out, Σin·c, Σout·c, Σ(in+out), Σc over token observations, and their weight. */
	tin2: number; tout2: number; tinout: number; tinc: number; toutc: number; ttok: number; tc: number; tw: number;
	/** Σout and weight: the typical answer length, for estimates before the answer exists. */
	outSum: number;
	/** Unit price: Σunits, Σc. */
	units: number; uc: number;
	/** Per request: weight, Σc. */
	rw: number; rc: number;
}

export type SavedRates = Record<string, ModelStats>;

const decay = 0.8;
const maxModels = 200;

function emptyStats(): ModelStats {
	return { tin2: 0, tout2: 0, tinout: 0, tinc: 0, toutc: 0, ttok: 0, tc: 0, tw: 0, outSum: 0, units: 0, uc: 0, rw: 0, rc: 0 };
}

export class RateBook {
	private readonly stats = new Map<string, ModelStats>();

	constructor(saved?: unknown) {
		if (typeof saved === 'object' && saved !== null) {
			for (const [model, value] of Object.entries(saved as Record<string, unknown>).slice(0, maxModels)) {
				const stats = parseStats(value);
				if (stats) {
					this.stats.set(model, stats);
				}
			}
		}
	}

	/** Models with at least one exact charge. */
	get models(): string[] {
		return [...this.stats.keys()];
	}

	has(model: string): boolean {
		return (this.stats.get(model)?.rw ?? 0) > 0;
	}

	/** Learns from one exact charge. */
	learn(model: string, used: Consumption, charge: number): void {
		if (!(charge >= 0) || !Number.isFinite(charge)) {
			return;
		}
		const s = this.stats.get(model) ?? emptyStats();
		for (const key of Object.keys(s) as (keyof ModelStats)[]) {
			s[key] *= decay;
		}
		const tin = used.tokensIn;
		const tout = used.tokensOut;
		if (tin !== undefined && tout !== undefined && tin + tout > 0) {
			s.tin2 += tin * tin; s.tout2 += tout * tout; s.tinout += tin * tout;
			s.tinc += tin * charge; s.toutc += tout * charge; s.ttok += tin + tout; s.tc += charge; s.tw += 1;
			s.outSum += tout;
		} else if (used.units !== undefined && used.units > 0) {
			s.units += used.units; s.uc += charge;
		}
		s.rw += 1; s.rc += charge;
		this.stats.delete(model);
		this.stats.set(model, s);
		if (this.stats.size > maxModels) {
			this.stats.delete(this.stats.keys().next().value as string);
		}
	}

	/** The charge this consumption would likely cost, or undefined when the model has no history. */
	estimate(model: string | undefined, used: Consumption): number | undefined {
		const s = model === undefined ? undefined : this.stats.get(model);
		if (!s || s.rw <= 0) {
			return undefined;
		}
		const tin = used.tokensIn;
		if (tin !== undefined && s.tw > 0) {
			const tout = used.tokensOut ?? s.outSum / s.tw;
			const fit = solve(s);
			return fit ? fit.a * tin + fit.b * tout : (s.tc / Math.max(s.ttok, 1e-9)) * (tin + tout);
		}
		if (used.units !== undefined && s.units > 0) {
			return (s.uc / s.units) * used.units;
		}
		return s.rc / s.rw;
	}

	toJSON(): SavedRates {
		return Object.fromEntries(this.stats);
	}
}

/** Least squares for c = a·in + b·out, both ≥ 0; undefined when the observations cannot tell a from b. */
function solve(s: ModelStats): { a: number; b: number } | undefined {
	const det = s.tin2 * s.tout2 - s.tinout * s.tinout;
	if (Math.abs(det) <= 1e-9 * Math.max(1, s.tin2 * s.tout2)) {
		return undefined;
	}
	const a = (s.tinc * s.tout2 - s.toutc * s.tinout) / det;
	const b = (s.toutc * s.tin2 - s.tinc * s.tinout) / det;
	return a >= 0 && b >= 0 ? { a, b } : undefined;
}

function parseStats(value: unknown): ModelStats | undefined {
	if (typeof value !== 'object' || value === null) {
		return undefined;
	}
	const stats = emptyStats();
	for (const key of Object.keys(stats) as (keyof ModelStats)[]) {
		const n = (value as Record<string, unknown>)[key];
		if (typeof n !== 'number' || !Number.isFinite(n)) {
			return undefined;
		}
		stats[key] = n;
	}
	return stats;
}
