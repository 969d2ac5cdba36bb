import * as vscode from 'vscode';
import { Commands } from '../platform/commands';
import { formatUsd } from '../platform/costFormat';
import { escapeMarkdown } from '../platform/markdownEscape';
import type { SpendingFigures } from '../platform/spendingPorts';
import {
	type BudgetFigures, type BudgetSnapshot, type BudgetState, budgetSeverity, budgetState, minutesSince, remainingShare, usageBar,
} from './budgetModel';

export interface ViewSettings {
	readonly warnBelow: number;
	/** Where the user tops up: `${baseUrl}/panel/dashboard`. */
	readonly dashboardUrl: string;
	readonly now: number;
	/** Spending today, over 7 days and how long the rest lasts (from the spending ledger), when known. */
	readonly spending?: SpendingFigures;
}

/** How the status bar item looks for one snapshot. */
export interface BudgetView {
	readonly state: BudgetState;
	readonly text: string;
	readonly tooltip: vscode.MarkdownString;
	/** A `statusBarItem.*Background` theme colour id, or none. */
	readonly background: string | undefined;
	readonly command: string;
	readonly accessibilityLabel: string;
}

export function renderBudget(snapshot: BudgetSnapshot, settings: ViewSettings): BudgetView {
	const state = budgetState(snapshot, settings.warnBelow);
	if (state === 'signedOut') {
		return {
			state,
			text: `$(account) ${vscode.l10n.t('Sign in to AI Pass')}`,
			tooltip: markdown(vscode.l10n.t('Sign in to AI Pass to see your remaining budget here.')),
			background: undefined,
			command: Commands.signIn,
			accessibilityLabel: vscode.l10n.t('AI Pass: not signed in. Activate to sign in.'),
		};
	}
	const severity = budgetSeverity(snapshot, settings.warnBelow);
	const background = severity === 'exhausted' ? 'statusBarItem.errorBackground' : severity === 'low' ? 'statusBarItem.warningBackground' : undefined;
	const figures = snapshot.figures;
	const icon = snapshot.fetching || state === 'loading' ? '$(sync~spin)' : state === 'offline' ? '$(debug-disconnect)' : state === 'stale' ? '$(warning)'
		: snapshot.fromCache ? '$(history)' : '$(credit-card)';
	const amount = figures ? formatUsd(figures.remaining)
		: state === 'offline' ? vscode.l10n.t('Offline') : state === 'stale' ? vscode.l10n.t('Budget unavailable') : vscode.l10n.t('AI Pass');
	return {
		state,
		text: `${icon} ${amount}`,
		tooltip: tooltip(snapshot, state, settings),
		background,
		command: Commands.budgetShowDetails,
		accessibilityLabel: figures
			? vscode.l10n.t('AI Pass budget: {0} left of {1}', formatUsd(figures.remaining), formatUsd(figures.max))
			: vscode.l10n.t('AI Pass budget: not known yet'),
	};
}

/** "just now", "3 min ago", "2 h ago", or a date. */
export function describeAge(time: number, now: number): string {
	const minutes = minutesSince(time, now);
	if (minutes < 1) {
		return vscode.l10n.t('just now');
	}
	if (minutes < 60) {
		return vscode.l10n.t('{0} min ago', minutes);
	}
	if (minutes < 24 * 60) {
		return vscode.l10n.t('{0} h ago', Math.floor(minutes / 60));
	}
	return new Date(time).toLocaleString();
}

/** `$7.55 left of $10.00 ($2.45 spent)` */
export function describeFigures(figures: BudgetFigures): string {
	return vscode.l10n.t('{0} left of {1} ({2} spent)', formatUsd(figures.remaining), formatUsd(figures.max), formatUsd(figures.spent));
}

function tooltip(snapshot: BudgetSnapshot, state: BudgetState, settings: ViewSettings): vscode.MarkdownString {
	const lines: string[] = [`**${vscode.l10n.t('AI Pass budget')}**${snapshot.accountLabel ? ` · ${escapeMarkdown(snapshot.accountLabel)}` : ''}`];
	const figures = snapshot.figures;
	if (figures) {
		lines.push(
			`${vscode.l10n.t('Remaining')}: **${formatUsd(figures.remaining)}** · ${vscode.l10n.t('Spent')}: ${formatUsd(figures.spent)} · ${vscode.l10n.t('Budget')}: ${formatUsd(figures.max)}`,
		);
		const share = remainingShare(figures);
		if (share !== undefined) {
			lines.push(`\`${usageBar(share)}\` ${vscode.l10n.t('{0} % left', Math.round(share * 100))}`);
		}
		if (settings.spending) {
			lines.push(spendingLine(settings.spending));
		}
		const age = describeAge(figures.fetchedAt, settings.now);
		lines.push(snapshot.fromCache
			? `$(history) ${vscode.l10n.t('Saved from your last session, updated {0}; not refreshed yet.', age)}`
			: `$(clock) ${vscode.l10n.t('Updated {0}', age)}`);
	} else if (state === 'loading') {
		lines.push(`$(sync~spin) ${vscode.l10n.t('Loading your budget…')}`);
	}
	if (state === 'exhausted') {
		lines.push(`$(error) ${vscode.l10n.t('Your budget is used up: AI Pass refuses paid requests until you top up.')}`);
	} else if (state === 'low') {
		lines.push(`$(warning) ${vscode.l10n.t('Your budget is running low.')}`);
	}
	if (snapshot.problem) {
		const age = describeAge(snapshot.figures?.fetchedAt ?? snapshot.problem.since, settings.now);
		const headline = snapshot.problem.kind === 'offline'
			? vscode.l10n.t('Offline: AI Pass could not be reached.')
			: vscode.l10n.t('Could not refresh the budget.');
		lines.push(`$(warning) ${headline} ${escapeMarkdown(snapshot.problem.message)}${figures ? ` ${vscode.l10n.t('The amount shown is from {0}.', age)}` : ''}`);
	}
	lines.push([
		`[$(refresh) ${vscode.l10n.t('Refresh')}](command:${Commands.budgetRefresh})`,
		`[$(link-external) ${vscode.l10n.t('Top up')}](${settings.dashboardUrl})`,
		`[$(list-selection) ${vscode.l10n.t('Details')}](command:${Commands.budgetShowDetails})`,
	].join(' · '));
	const result = markdown(lines.join('\n\n'));
	result.isTrusted = { enabledCommands: [Commands.budgetRefresh, Commands.budgetShowDetails, Commands.budgetShowUsage] };
	return result;
}

/** `$(graph) Today $0.0400 · last 7 days $1.40 · $0.20/day, lasts about 10 days at your last-7-days rate` */
export function spendingLine(spending: SpendingFigures): string {
	const parts = [
		vscode.l10n.t('Today {0}', spending.today),
		vscode.l10n.t('last 7 days {0}', spending.last7Days),
		vscode.l10n.t('{0}/day', spending.burnPerDay),
	];
	const lasts = spending.daysLeft === undefined ? '' : `, ${vscode.l10n.t('lasts about {0} days at your last-7-days rate', spending.daysLeft)}`;
	return `$(graph) ${parts.join(' · ')}${lasts} · [${vscode.l10n.t('Usage')}](command:${Commands.budgetShowUsage})`;
}

/** Theme icons on (`$(name)`), HTML off. */
function markdown(text: string): vscode.MarkdownString {
	return new vscode.MarkdownString(text, true);
}
