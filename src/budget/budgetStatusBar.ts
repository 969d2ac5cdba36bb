import * as vscode from 'vscode';
import type { BudgetController } from './budgetController';
import { type BudgetView, renderBudget, type ViewSettings } from './budgetView';

export const budgetStatusBarId = 'aipass.budget';

/** The `aipass.budget` status bar item: renders the controller's snapshot, and keeps "N min ago" current. */
export class BudgetStatusBar implements vscode.Disposable {
	private readonly item: vscode.StatusBarItem;
	private readonly subscription: vscode.Disposable;
	private readonly ticker: ReturnType<typeof setInterval>;
	private view!: BudgetView;

	constructor(private readonly controller: BudgetController, private readonly settings: () => Omit<ViewSettings, 'now'>) {
		this.item = vscode.window.createStatusBarItem(budgetStatusBarId, vscode.StatusBarAlignment.Right, 100);
		this.item.name = vscode.l10n.t('AI Pass Budget');
		this.render();
		this.item.show();
		this.subscription = controller.onDidChange(() => this.render());
		// The tooltip says how old the figures are; a cheap re-render (no request) keeps it true.
		this.ticker = setInterval(() => this.render(), 60_000);
	}

	/** What the item shows now. */
	get current(): BudgetView {
		return this.view;
	}

	/** Renders again, e.g. after `aipass.budget.warnBelow` changed. */
	render(): void {
		const view = renderBudget(this.controller.snapshot, { ...this.settings(), now: Date.now() });
		this.view = view;
		this.item.text = view.text;
		this.item.tooltip = view.tooltip;
		this.item.backgroundColor = view.background === undefined ? undefined : new vscode.ThemeColor(view.background);
		this.item.command = view.command;
		this.item.accessibilityInformation = { label: view.accessibilityLabel, role: 'button' };
	}

	dispose(): void {
		clearInterval(this.ticker);
		this.subscription.dispose();
		this.item.dispose();
	}
}
