import * as vscode from 'vscode';
import type { ModelInfo, UsageSummary } from '../api/types';
import { formatUsd } from '../platform/costFormat';

/** `/budget`: the usage summary as a Markdown table, the spending over time (`spending`), and what to do when it is used up. */
export function budgetMarkdown(summary: UsageSummary, dashboardUrl: string, spending?: string): string {
	const rows = [
		`| ${vscode.l10n.t('AI Pass budget')} | USD |`,
		'|---|---:|',
		`| ${vscode.l10n.t('Spent')} | ${formatUsd(summary.totalCost)} |`,
		`| ${vscode.l10n.t('Budget')} | ${formatUsd(summary.maxBudget)} |`,
		`| **${vscode.l10n.t('Remaining')}** | **${formatUsd(summary.remainingBudget)}** |`,
	];
	const advice = summary.remainingBudget <= 0
		? vscode.l10n.t('Your budget is used up: requests fail until you top up your wallet at [AI Pass]({0}).', dashboardUrl)
		: vscode.l10n.t('Manage your wallet at [AI Pass]({0}).', dashboardUrl);
	return `${rows.join('\n')}\n\n${spending === undefined ? '' : `${spending}\n\n`}${advice}\n`;
}

const typeOrder = ['text', 'image', 'audio', 'embedding', 'video'];

function typeTitle(type: string | undefined): string {
	switch (type) {
		case 'text': return vscode.l10n.t('Chat (text)');
		case 'image': return vscode.l10n.t('Image');
		case 'audio': return vscode.l10n.t('Audio');
		case 'embedding': return vscode.l10n.t('Embeddings');
		case 'video': return vscode.l10n.t('Video');
		case undefined: return vscode.l10n.t('Other (the catalog gave no details)');
		default: return type;
	}
}

/** `/models`: the catalog grouped by type, with capabilities and methods; `chatModel` is marked. */
export function modelsMarkdown(models: readonly ModelInfo[], chatModel: string): string {
	if (models.length === 0) {
		return vscode.l10n.t('AI Pass lists no models for your account.');
	}
	const groups = new Map<string | undefined, ModelInfo[]>();
	for (const model of models) {
		groups.set(model.type, [...(groups.get(model.type) ?? []), model]);
	}
	// Known types in their order, then other types by name, then entries without a type.
	const rank = (type: string | undefined): number => type === undefined ? typeOrder.length + 1 : typeOrder.includes(type) ? typeOrder.indexOf(type) : typeOrder.length;
	const sections = [...groups.entries()]
		.sort(([a], [b]) => rank(a) - rank(b) || String(a).localeCompare(String(b)))
		.map(([type, entries]) => [
			`### ${typeTitle(type)} (${entries.length})`,
			...entries.map(model => modelLine(model, chatModel)),
		].join('\n'));
	return `${sections.join('\n\n')}\n`;
}

function modelLine(model: ModelInfo, chatModel: string): string {
	const traits = [...model.capabilities, ...model.methods].join(', ');
	const mark = model.id === chatModel ? ` ${vscode.l10n.t('(default for @aipass)')}` : '';
	return `- \`${model.id}\`${traits === '' ? '' : ` — ${traits}`}${mark}`;
}

/** `/integrate` without a platform. */
export function integrateHelpMarkdown(platforms: readonly string[]): string {
	return [
		vscode.l10n.t('Name the platform to integrate AI Pass into, for example `@aipass /integrate flutter`.'),
		'',
		vscode.l10n.t('Platforms with worked steps: {0}.', platforms.join(', ')),
		vscode.l10n.t('Add details after the platform, e.g. `/integrate python with FastAPI and streaming`.'),
	].join('\n');
}
