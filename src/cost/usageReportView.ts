import * as vscode from 'vscode';
import type { PaidFeature } from '../api/paidCalls';
import type { UsageBar, UsageReportView } from '../shared/usageProtocol';
import { formatCharge, formatCount } from '../platform/costFormat';
import type { Share, SpendingReport } from './spendingReport';

export function featureName(feature: PaidFeature): string {
	switch (feature) {
		case 'chatView': return vscode.l10n.t('Chat view');
		case 'participant': return vscode.l10n.t('@aipass');
		case 'languageModel': return vscode.l10n.t('Language model API (vscode.lm)');
		case 'analyzeImage': return vscode.l10n.t('Analyze Image');
		case 'image': return vscode.l10n.t('Images');
		case 'speech': return vscode.l10n.t('Read Aloud');
		case 'transcription': return vscode.l10n.t('Transcription');
		case 'embeddings': return vscode.l10n.t('Embeddings');
		case 'video': return vscode.l10n.t('Video');
		case 'apply': return vscode.l10n.t('Apply and Edit Selection');
	}
}

function requests(count: number): string {
	return count === 1 ? vscode.l10n.t('1 request') : vscode.l10n.t('{0} requests', formatCount(count));
}

function shareBars<K extends string>(shares: readonly Share<K>[], label: (key: K) => string): UsageBar[] {
	return shares.map(s => ({ label: label(s.key), amount: s.amount, text: formatCharge(s.amount, s.estimated), detail: requests(s.requests) }));
}

/** The panel's content for a report: figures, charts' data and every label, localised here. */
export function usageReportView(report: SpendingReport, remaining: number | undefined): UsageReportView {
	const spent30 = report.perDay.reduce((sum, d) => sum + d.amount, 0);
	const figures = [
		{ label: vscode.l10n.t('Spent today'), value: formatCharge(report.today) },
		{ label: vscode.l10n.t('Last 7 days'), value: formatCharge(report.last7Days) },
		{ label: vscode.l10n.t('Per day (7-day average)'), value: formatCharge(report.burnPerDay) },
		{
			label: vscode.l10n.t('Lasts about, at that rate'),
			value: report.daysLeft === undefined ? '—' : vscode.l10n.t('{0} days', formatCount(Math.floor(report.daysLeft))),
		},
	];
	if (remaining !== undefined) {
		figures.push({ label: vscode.l10n.t('Left in your wallet'), value: formatCharge(Math.max(0, remaining)) });
	}
	return {
		title: vscode.l10n.t('AI Pass Usage'),
		figures,
		perDayTitle: vscode.l10n.t('Spending per day (last 30 days)'),
		perDay: report.perDay.map(d => ({ label: d.day.slice(5), amount: d.amount, text: formatCharge(d.amount) })),
		byModelTitle: vscode.l10n.t('By model (30 days)'),
		byModel: shareBars(report.byModel, key => key),
		byFeatureTitle: vscode.l10n.t('By feature (30 days)'),
		byFeature: shareBars(report.byFeature, featureName),
		forecastTitle: vscode.l10n.t('Forecast'),
		forecast: [
			{ label: vscode.l10n.t('Last 30 days'), amount: spent30, text: formatCharge(spent30), detail: requests(report.requests30Days) },
			{ label: vscode.l10n.t('Next 30 days'), amount: report.forecast30Days, text: formatCharge(report.forecast30Days, true) },
		],
		forecastNote: report.daysLeft === undefined
			? vscode.l10n.t('No spending in the last 7 days: nothing to forecast from.')
			: vscode.l10n.t('At your last-7-days rate of {0} a day, what is left lasts about {1} days.', formatCharge(report.burnPerDay), formatCount(Math.floor(report.daysLeft))),
		...(report.requests30Days === 0 ? { empty: vscode.l10n.t('Nothing spent through this extension in the last 30 days.') } : {}),
		columns: { item: vscode.l10n.t('Item'), amount: vscode.l10n.t('Amount'), detail: vscode.l10n.t('Details') },
		tableToggle: vscode.l10n.t('Show as a table'),
		refresh: vscode.l10n.t('Refresh'),
		note: vscode.l10n.t('Charges are read from your AI Pass usage after each request; amounts marked ≈ are shares of requests that ran at the same time. Spending of other apps on the same wallet is not included.'),
	};
}
