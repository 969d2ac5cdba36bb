import * as vscode from 'vscode';
import { Commands } from '../platform/commands';
import type { SpendAsk, SpendQuestion } from '../platform/spendingPorts';
import type { Logger } from '../platform/log';

/** The spend guard's question for a request (undefined: send without asking). */
export interface SpendQuestions {
	question(q: SpendQuestion): SpendAsk | undefined;
}

/** Markdown-escapes text that did not come from the user's keyboard (model ids, file names). */
export function markdownText(text: string): string {
	return text.replace(/[\\`*_{}[\]()#+\-!~<>|&]/g, '\\$&');
}

/**
 * The spend guard inside `@aipass`: when a request's estimate is above `aipass.budget.confirmAbove`
 * (or above what is left), the question and its Send / Don't Send buttons go into the chat response
 * itself, and nothing is sent until Send is clicked. Don't Send or Stop leaves it unsent.
 */
export class ParticipantSpend implements vscode.Disposable {
	private readonly pending = new Map<string, (send: boolean) => void>();
	private readonly asked = new vscode.EventEmitter<SpendAsk>();
	/** The guard asked in a chat response (tests answer it through the buttons' command). */
	readonly onDidAsk = this.asked.event;
	constructor(private readonly guard: SpendQuestions, private readonly log: Logger) {}

	/** True to send; false when the user said no or stopped the request. */
	async confirm(q: SpendQuestion, response: vscode.ChatResponseStream, signal: AbortSignal): Promise<boolean> {
		const ask = this.guard.question(q);
		if (ask === undefined) {
			return true;
		}
		const id = globalThis.crypto.randomUUID();
		response.markdown(`**${markdownText(ask.title)}**\n\n${markdownText(ask.message)}\n\n`);
		response.button({ command: Commands.participantConfirmSpend, arguments: [id, true], title: vscode.l10n.t('Send') });
		response.button({ command: Commands.participantConfirmSpend, arguments: [id, false], title: vscode.l10n.t("Don't Send") });
		this.log.info(`asked before sending to ${q.model} (estimate ${ask.estimate ?? 'unknown'})`);
		const send = await new Promise<boolean>(resolve => {
			const stop = (): void => resolve(false);
			signal.addEventListener('abort', stop, { once: true });
			this.pending.set(id, send => {
				signal.removeEventListener('abort', stop);
				resolve(send);
			});
			if (signal.aborted) {
				stop();
			}
			this.asked.fire(ask);
		}).finally(() => this.pending.delete(id));
		if (!send) {
			this.log.info('not sent: the user did not confirm the cost');
			response.markdown(vscode.l10n.t('Not sent. Ask again to send it.'));
		}
		return send;
	}

	dispose(): void {
		for (const resolve of this.pending.values()) {
			resolve(false);
		}
		this.pending.clear();
		this.asked.dispose();
	}

	/** The Send / Don't Send buttons' command (`aipass.participant.confirmSpend`). */
	answer(id: unknown, send: unknown): void {
		const resolve = typeof id === 'string' ? this.pending.get(id) : undefined;
		if (resolve === undefined) {
			this.log.info('a spend confirmation that is no longer open was answered');
			return;
		}
		resolve(send === true);
	}
}
