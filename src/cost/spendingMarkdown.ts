import * as vscode from 'vscode';
import { formatCharge, formatCount } from '../platform/costFormat';
import { escapeMarkdown } from '../platform/markdownEscape';
import type { SpendingReport } from './spendingReport';
import { featureName } from './usageReportView';

/**
 * `@aipass /budget`'s spending part: today, 7 days, burn rate and how long the rest lasts, then the
 * last 30 days by feature and by model.
 */
export function spendingMarkdown(report: SpendingReport): string {
	if (report.requests30Days === 0) {
		return vscode.l10n.t('Nothing spent through this extension in the last 30 days.');
	}
	const lines = [
		`| ${vscode.l10n.t('Spending')} | USD |`,
		'|---|---:|',
		`| ${vscode.l10n.t('Today')} | ${formatCharge(report.today)} |`,
		`| ${vscode.l10n.t('Last 7 days')} | ${formatCharge(report.last7Days)} |`,
		`| ${vscode.l10n.t('Per day (7-day average)')} | ${formatCharge(report.burnPerDay)} |`,
	];
	const parts = [lines.join('\n')];
	if (report.daysLeft !== undefined) {
		parts.push(vscode.l10n.t('Your budget lasts about {0} days at your last-7-days rate.', formatCount(Math.floor(report.daysLeft))));
	}
	const table = (title: string, rows: readonly { key: string; amount: number; requests: number; estimated: boolean }[], label: (key: string) => string): string => [
		`| ${title} | ${vscode.l10n.t('Requests')} | USD |`,
		'|---|---:|---:|',
		...rows.map(row => `| ${escapeMarkdown(label(row.key))} | ${formatCount(row.requests)} | ${formatCharge(row.amount, row.estimated)} |`),
	].join('\n');
	parts.push(`**${vscode.l10n.t('Last 30 days')}**`);
	parts.push(table(vscode.l10n.t('Feature'), report.byFeature, key => featureName(key as Parameters<typeof featureName>[0])));
	parts.push(table(vscode.l10n.t('Model'), report.byModel, key => key));
	return parts.join('\n\n');
}
