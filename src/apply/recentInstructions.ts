import * as vscode from 'vscode';
import { plainLabel } from './workspaceFiles';

const key = 'aipass.apply.recentInstructions';
const maxRecent = 10;
const maxChars = 2000;

/** The last instructions given to Edit Selection, newest first (kept in the extension's global state). */
export class RecentInstructions {
	constructor(private readonly state: vscode.Memento) {}

	get all(): string[] {
		const stored = this.state.get<unknown>(key);
		return Array.isArray(stored) ? stored.filter((s): s is string => typeof s === 'string').slice(0, maxRecent) : [];
	}

	async remember(instruction: string): Promise<void> {
		await this.state.update(key, [instruction, ...this.all.filter(s => s !== instruction)].slice(0, maxRecent));
	}
}

/** An input box with the recent instructions to pick from; what is typed wins. */
export function recentInstruction(recent: RecentInstructions, title: string, placeholder: string): Promise<string | undefined> {
	const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { instruction: string }>();
	pick.title = title;
	pick.placeholder = placeholder;
	const recentItems = recent.all.map(text => ({ label: plainLabel(text), description: vscode.l10n.t('recent'), instruction: text }));
	pick.items = recentItems;
	// What is typed is the first item, so Enter sends it; the recent ones stay below to pick instead.
	pick.onDidChangeValue(value => {
		pick.items = value.trim() === '' ? recentItems : [{ label: plainLabel(value), instruction: value, alwaysShow: true }, ...recentItems];
	});
	return new Promise<string | undefined>(resolve => {
		let done = false;
		const finish = (value: string | undefined): void => {
			if (!done) {
				done = true;
				resolve(value);
				pick.dispose();
			}
		};
		pick.onDidAccept(() => {
			const chosen = pick.selectedItems[0] ?? pick.activeItems[0];
			const value = (chosen?.instruction ?? pick.value).trim().slice(0, maxChars);
			if (value !== '') {
				void recent.remember(value);
				finish(value);
			}
		});
		pick.onDidHide(() => finish(undefined));
		pick.show();
	});
}
