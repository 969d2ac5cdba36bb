import * as vscode from 'vscode';
import { formatCharge } from '../platform/costFormat';
import type { Logger } from '../platform/log';
import type { ConversationSummary } from './conversation';
import type { ConversationStore } from './conversationStore';
import { absoluteTime, relativeTime } from './relativeTime';

interface HistoryItem extends vscode.QuickPickItem {
	summary: ConversationSummary;
}

/**
 * Picks a stored conversation (newest first); the trash button on an item deletes it. `onShown` runs
 * once the picker is up with its items.
 */
export async function pickConversation(
	store: ConversationStore, currentId: string, log: Logger, onShown?: () => void,
): Promise<ConversationSummary | undefined> {
	const deleteButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('trash'), tooltip: vscode.l10n.t('Delete Conversation') };
	const now = Date.now();
	const toItem = (summary: ConversationSummary): HistoryItem => ({
		label: summary.title || vscode.l10n.t('(untitled)'),
		// When it was, as people say it ("2 hours ago"); the exact date and time (and the charge) on the detail line.
		description: summary.id === currentId
			? vscode.l10n.t('{0} · current', relativeTime(summary.updatedAt, now, vscode.env.language))
			: relativeTime(summary.updatedAt, now, vscode.env.language),
		detail: summary.cost
			? vscode.l10n.t('{0} messages · {1} · {2}', summary.messageCount, absoluteTime(summary.updatedAt, vscode.env.language), formatCharge(summary.cost.amount, summary.cost.estimate))
			: vscode.l10n.t('{0} messages · {1}', summary.messageCount, absoluteTime(summary.updatedAt, vscode.env.language)),
		buttons: [deleteButton],
		summary,
	});
	const summaries = await store.list();
	const picker = vscode.window.createQuickPick<HistoryItem>();
	picker.title = vscode.l10n.t('AI Pass: Conversation History');
	picker.placeholder = summaries.length > 0 ? vscode.l10n.t('Open a previous conversation') : vscode.l10n.t('No saved conversations yet');
	picker.matchOnDetail = true;
	picker.items = summaries.map(toItem);
	const disposables: vscode.Disposable[] = [picker];
	try {
		return await new Promise<ConversationSummary | undefined>(resolve => {
			disposables.push(
				picker.onDidAccept(() => resolve(picker.selectedItems[0]?.summary)),
				picker.onDidHide(() => resolve(undefined)),
				picker.onDidTriggerItemButton(event => {
					picker.items = picker.items.filter(item => item !== event.item);
					store.delete(event.item.summary.id).catch((e: unknown) => log.error(`could not delete a conversation: ${e instanceof Error ? e.message : String(e)}`));
				}),
			);
			picker.show();
			onShown?.();
		});
	} finally {
		vscode.Disposable.from(...disposables).dispose();
	}
}
