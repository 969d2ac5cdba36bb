import * as vscode from 'vscode';
import { Commands } from '../platform/commands';
import type { BudgetSnapshot } from './budgetModel';
import { describeAge, describeFigures } from './budgetView';

export type BudgetActionId = 'refresh' | 'topUp' | 'showUsage' | 'openChat' | 'signIn' | 'signOut';

export interface BudgetAction extends vscode.QuickPickItem {
	readonly id: BudgetActionId;
}

export interface BudgetDetails {
	readonly title: string;
	readonly placeholder: string;
	readonly items: readonly BudgetAction[];
}

/** The quick pick's content for a snapshot: the figures in the title, what to do as items. */
export function budgetDetails(snapshot: BudgetSnapshot, options: { dashboardUrl: string; hasChat: boolean; now: number }): BudgetDetails {
	const figures = snapshot.figures;
	if (snapshot.signedIn === false) {
		return {
			title: vscode.l10n.t('AI Pass Budget: not signed in'),
			placeholder: vscode.l10n.t('Sign in to see your remaining budget'),
			items: [
				{ id: 'signIn', label: `$(account) ${vscode.l10n.t('Sign In')}` },
				{ id: 'topUp', label: `$(link-external) ${vscode.l10n.t('Top up at AI Pass')}`, detail: options.dashboardUrl },
			],
		};
	}
	const updated = figures ? vscode.l10n.t('Updated {0}', describeAge(figures.fetchedAt, options.now)) : vscode.l10n.t('Not loaded yet');
	const items: BudgetAction[] = [
		{ id: 'refresh', label: `$(refresh) ${vscode.l10n.t('Refresh')}`, detail: snapshot.problem ? `${updated}. ${snapshot.problem.message}` : updated },
		{ id: 'topUp', label: `$(link-external) ${vscode.l10n.t('Top up at AI Pass')}`, detail: options.dashboardUrl },
		{ id: 'showUsage', label: `$(graph) ${vscode.l10n.t('Show Usage')}`, detail: vscode.l10n.t('Spending per day, model and feature, and how long your budget lasts') },
	];
	if (options.hasChat) {
		items.push({ id: 'openChat', label: `$(comment-discussion) ${vscode.l10n.t('Open Chat')}` });
	}
	items.push({ id: 'signOut', label: `$(sign-out) ${vscode.l10n.t('Sign Out')}`, description: snapshot.accountLabel });
	return {
		title: figures ? `${vscode.l10n.t('AI Pass Budget')}: ${describeFigures(figures)}` : vscode.l10n.t('AI Pass Budget'),
		placeholder: snapshot.problem ? snapshot.problem.message : updated,
		items,
	};
}

/** `aipass.budget.showDetails`: the figures and a pick of what to do about them (Open Chat only if the chat feature registered it). */
export async function showBudgetDetails(snapshot: BudgetSnapshot, dashboardUrl: string): Promise<BudgetActionId | undefined> {
	const hasChat = (await vscode.commands.getCommands(true)).includes(Commands.chatOpen);
	const details = budgetDetails(snapshot, { dashboardUrl, hasChat, now: Date.now() });
	const picked = await vscode.window.showQuickPick(details.items, { title: details.title, placeHolder: details.placeholder });
	switch (picked?.id) {
		case 'refresh':
			await vscode.commands.executeCommand(Commands.budgetRefresh);
			break;
		case 'topUp':
			await vscode.env.openExternal(vscode.Uri.parse(dashboardUrl));
			break;
		case 'showUsage':
			await vscode.commands.executeCommand(Commands.budgetShowUsage);
			break;
		case 'openChat':
			await vscode.commands.executeCommand(Commands.chatOpen);
			break;
		case 'signIn':
			await vscode.commands.executeCommand(Commands.signIn);
			break;
		case 'signOut':
			await vscode.commands.executeCommand(Commands.signOut);
			break;
		case undefined:
			break;
	}
	return picked?.id;
}
