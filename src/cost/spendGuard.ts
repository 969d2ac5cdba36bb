import * as vscode from 'vscode';
import type { Consumption, PaidFeature } from '../api/paidCalls';
import { formatCharge } from '../platform/costFormat';
import type { SpendAsk, SpendCheck, SpendQuestion } from '../platform/spendingPorts';

export interface SpendGuardDeps {
	estimate(model: string, used: Consumption): number | undefined;
	/** `aipass.budget.confirmAbove` (USD; 0 turns the question off). */
	confirmAbove(): number;
	/** What is left, from the last usage summary. */
	remaining(): number | undefined;
}

/** Features whose first use of a model may cost a lot: an unknown price is worth a question. */
const expensiveWhenUnknown: readonly PaidFeature[] = ['video', 'image'];

/**
 * Asks before a request whose estimated charge exceeds `aipass.budget.confirmAbove`, or exceeds what
 * is left, or (video and image generation) whose model has no history yet. The question is a quick
 * pick: Escape or "Don't Send" means no.
 */
export class SpendGuard implements SpendCheck, vscode.Disposable {
	private readonly asked = new vscode.EventEmitter<SpendAsk>();
	readonly onDidAsk = this.asked.event;

	constructor(private readonly deps: SpendGuardDeps) {}

	/** The question for this request, or undefined when it may be sent without one. */
	question(q: SpendQuestion): SpendAsk | undefined {
		const threshold = this.deps.confirmAbove();
		if (!(threshold > 0)) {
			return undefined;
		}
		const estimate = this.deps.estimate(q.model, q.used);
		const remaining = this.deps.remaining();
		const left = remaining === undefined ? '' : ` ${vscode.l10n.t('You have {0} left.', formatCharge(Math.max(0, remaining)))}`;
		if (estimate === undefined) {
			if (!expensiveWhenUnknown.includes(q.feature)) {
				return undefined;
			}
			return {
				title: q.action, estimate,
				message: vscode.l10n.t('The cost of {0} is not known yet: AI Pass has not charged you for it before.', q.model) + left,
			};
		}
		const overLeft = remaining !== undefined && estimate > remaining;
		if (estimate <= threshold && !overLeft) {
			return undefined;
		}
		const cost = vscode.l10n.t('This will cost about {0}.', formatCharge(estimate, true));
		const message = overLeft
			? `${cost} ${vscode.l10n.t('That is more than the {0} you have left: AI Pass may refuse it.', formatCharge(Math.max(0, remaining)))}`
			: cost + left;
		return { title: q.action, message, estimate };
	}

	async confirm(q: SpendQuestion): Promise<boolean> {
		const ask = this.question(q);
		if (ask === undefined) {
			return true;
		}
		const send = { label: `$(check) ${vscode.l10n.t('Send')}`, description: ask.estimate === undefined ? vscode.l10n.t('cost unknown') : formatCharge(ask.estimate, true), send: true };
		const cancel = { label: `$(close) ${vscode.l10n.t("Don't Send")}`, send: false };
		const picker = vscode.window.createQuickPick<vscode.QuickPickItem & { send: boolean }>();
		picker.title = ask.title;
		picker.placeholder = ask.message;
		picker.items = [send, cancel];
		picker.ignoreFocusOut = true;
		try {
			return await new Promise<boolean>(resolve => {
				picker.onDidAccept(() => resolve(picker.selectedItems[0]?.send === true));
				picker.onDidHide(() => resolve(false));
				picker.show();
				this.asked.fire(ask);
			});
		} finally {
			picker.dispose();
		}
	}

	dispose(): void {
		this.asked.dispose();
	}
}
