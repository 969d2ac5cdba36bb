import * as vscode from 'vscode';
import { isAiPassError } from '../api/errors';
import type { Consumption, PaidCallInfo, PaidCallObserver, PaidCallOutcome } from '../api/paidCalls';
import type { UsageSummary } from '../api/types';
import type { Logger } from '../platform/log';
import { formatCharge } from '../platform/costFormat';
import type { BudgetSpending, ChargeNote, SpendingFigures } from '../platform/spendingPorts';
import { type LedgerRecord, SpendingLedger } from './spendingLedger';
import { type SpendingReport, spendingReport } from './spendingReport';

export const ledgerStateKey = 'aipass.cost.ledger';

/**
 * The spending ledger inside VS Code: sees every paid call through the API client, reads charges when
 * the budget reads the usage summary, keeps the records in globalState (bounded, no secrets), and
 * turns every budget refusal into one signal.
 */
export class CostLedger implements PaidCallObserver, BudgetSpending, vscode.Disposable {
	private readonly ledger: SpendingLedger;
	private readonly refused = new vscode.EventEmitter<void>();
	private readonly changed = new vscode.EventEmitter<void>();
	private readonly charged = new vscode.EventEmitter<readonly ChargeNote[]>();
	private saving: Promise<void> = Promise.resolve();

	readonly onDidRefuse = this.refused.event;
	readonly onDidChange = this.changed.event;
	/** Charges of tagged calls, as soon as they are known. */
	readonly onDidCharge = this.charged.event;

	constructor(private readonly globalState: vscode.Memento, private readonly log: Logger, private readonly now: () => number = Date.now) {
		this.ledger = new SpendingLedger(now, globalState.get(ledgerStateKey));
	}

	get records(): readonly LedgerRecord[] {
		return this.ledger.records;
	}

	start(call: PaidCallInfo): (outcome: PaidCallOutcome) => void {
		const id = this.ledger.begin(call);
		return outcome => {
			try {
				this.ledger.settle(id, {
					ok: outcome.ok,
					...(outcome.usage ? { tokensIn: outcome.usage.prompt_tokens, tokensOut: outcome.usage.completion_tokens } : {}),
				});
				if (isAiPassError(outcome.error) && outcome.error.kind === 'budgetExhausted') {
					this.log.warn(`${call.route}: refused for lack of budget`);
					this.refused.fire();
				}
			} catch (error) {
				this.log.error(`ledger: ${error instanceof Error ? error.message : String(error)}`);
			}
		};
	}

	noteSummary(summary: UsageSummary, account: string): void {
		const charged = this.ledger.reconcile(summary.totalCost, account);
		if (charged.length === 0) {
			return;
		}
		this.log.info(`charged ${charged.length} request(s): ${charged.map(r => `${r.feature} ${formatCharge(r.charge ?? 0, r.estimate)}`).join(', ')}`);
		const notes = charged.filter(r => r.tag !== undefined && r.charge !== undefined).map((r): ChargeNote => ({
			tag: r.tag as string, charge: r.charge as number, estimate: r.estimate === true,
			...(r.tokensIn !== undefined || r.tokensOut !== undefined ? { tokens: (r.tokensIn ?? 0) + (r.tokensOut ?? 0) } : {}),
		}));
		if (notes.length > 0) {
			this.charged.fire(notes);
		}
		this.changed.fire();
		this.save();
	}

	estimate(model: string | undefined, used: Consumption): number | undefined {
		return this.ledger.estimate(model, used);
	}

	report(remaining: number | undefined): SpendingReport {
		return spendingReport(this.ledger.records, this.now(), remaining);
	}

	figures(remaining: number | undefined): SpendingFigures | undefined {
		if (this.ledger.records.length === 0) {
			return undefined;
		}
		const report = this.report(remaining);
		return {
			today: formatCharge(report.today),
			last7Days: formatCharge(report.last7Days),
			burnPerDay: formatCharge(report.burnPerDay),
			daysLeft: report.daysLeft === undefined ? undefined : Math.floor(report.daysLeft),
		};
	}

	/** Resolves when the last change is in globalState. */
	saved(): Promise<void> {
		return this.saving;
	}

	dispose(): void {
		this.refused.dispose();
		this.changed.dispose();
		this.charged.dispose();
	}

	private save(): void {
		const snapshot = this.ledger.toJSON();
		this.saving = this.saving.then(() => this.globalState.update(ledgerStateKey, snapshot)).then(undefined, (error: unknown) => {
			this.log.warn(`could not save the spending ledger: ${error instanceof Error ? error.message : String(error)}`);
		});
	}
}
