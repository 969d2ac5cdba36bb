/**
 * The usage panel's messages (host src/cost/usagePanel.ts ↔ webview src/webview/usage). Everything is
 * prepared by the host: amounts as numbers for the charts plus their text, and every label localised.
 */

export interface UsageBar {
	/** The bar's label (a day, a model id, a feature name). */
	label: string;
	amount: number;
	/** The amount as the contract writes it, e.g. `$0.0137` or `≈ $0.40`. */
	text: string;
	/** E.g. "12 requests". */
	detail?: string;
}

export interface UsageFigure {
	label: string;
	value: string;
}

export interface UsageReportView {
	title: string;
	/** Today, last 7 days, per day, lasts about, left: the headline figures. */
	figures: UsageFigure[];
	perDayTitle: string;
	perDay: UsageBar[];
	byModelTitle: string;
	byModel: UsageBar[];
	byFeatureTitle: string;
	byFeature: UsageBar[];
	forecastTitle: string;
	/** Spent in the last 30 days, and expected in the next 30 at the current rate. */
	forecast: UsageBar[];
	forecastNote: string;
	/** Shown instead of charts when nothing was spent in 30 days. */
	empty?: string;
	/** Table headers for the screen-reader alternative. */
	columns: { item: string; amount: string; detail: string };
	tableToggle: string;
	refresh: string;
	note: string;
}

export type UsageHostMessage = { type: 'report'; report: UsageReportView };

export type UsageWebviewMessage = { type: 'ready' } | { type: 'refresh' };
