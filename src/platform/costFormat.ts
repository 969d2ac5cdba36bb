/** How charges, budget amounts and token counts are written everywhere (contract). Pure: no `vscode`. */

const under1 = new Intl.NumberFormat('en-US', { minimumFractionDigits: 4, maximumFractionDigits: 4 });
const from1 = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });

/**
 * `$0.0137` (4 decimals under $1), `$1.25` (2 decimals from $1), `≈ $0.0040` for an estimate.
 * Rounding decides the form: 0.99996 reads `$1.00`, never `$1.0000`.
 */
export function formatCharge(amount: number, estimate = false): string {
	const value = Number.isFinite(amount) ? Math.max(0, amount) : 0;
	const text = Math.round(value * 10_000) / 10_000 < 1 ? `$${under1.format(value)}` : `$${from1.format(value)}`;
	return estimate ? `≈ ${text}` : text;
}

/** `1,204` */
export function formatCount(count: number): string {
	return whole.format(Math.max(0, Math.round(count)));
}

/** A budget amount: `$7.55`, `-$0.12`, `$1,234.50` (the service bills in US dollars). */
export function formatUsd(amount: number): string {
	return usd.format(Object.is(Math.round(amount * 100), -0) ? 0 : amount);
}
