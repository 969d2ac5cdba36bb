import * as vscode from 'vscode';
import type { AiPassClient } from '../api/client';
import { isAiPassError } from '../api/errors';
import type { ModelCatalog } from '../api/modelCatalog';
import type { ChatRequest, ModelInfo } from '../api/types';
import { Commands } from '../platform/commands';
import { showErrorWithWayOut } from '../platform/errors';
import type { Config } from '../platform/config';
import type { Logger } from '../platform/log';
import type { SessionPort } from '../platform/sessionPort';
import { toLanguageModelError } from './lmErrors';
import { estimateTokens, familyAndVersion, tokenLimits } from './modelTraits';
import { messageCharacters, toChatMessages } from './requestMessages';
import { toRequestOptions } from './requestOptions';
import { messageTokens } from '../api/tokenEstimate';
import type { SpendQuestions } from './participantSpend';
import { ToolCallAccumulator } from './toolCalls';

/** The vendor of AI Pass models in `vscode.lm` (contract; also in package.json `languageModelChatProviders`). */
export const lmVendor = 'aipass';

export interface ChatModelProviderDeps {
	readonly auth: SessionPort;
	readonly catalog: Pick<ModelCatalog, 'chatModels' | 'onDidChange'>;
	readonly client: Pick<AiPassClient, 'streamChatBatches'>;
	readonly config: Pick<Config, 'dashboardUrl'>;
}

/**
 * AI Pass chat models in VS Code's model picker and `vscode.lm`: the shared catalog's chat models while
 * signed in, none while signed out. Requests stream through the API client (so the budget indicator
 * refreshes after each one); cancellation aborts the HTTP request.
 */
export class AiPassChatModelProvider implements vscode.LanguageModelChatProvider, vscode.Disposable {
	private readonly changed = new vscode.EventEmitter<void>();
	private readonly disposables: vscode.Disposable[] = [this.changed];

	readonly onDidChangeLanguageModelChatInformation = this.changed.event;

	/** `guard`: only to log that a request above `aipass.budget.confirmAbove` was sent unasked (callers are other extensions; no prompt). */
	constructor(private readonly services: ChatModelProviderDeps, private readonly log: Logger, private readonly guard?: SpendQuestions) {
		// Another account or service means another list: VS Code asks again (asynchronously).
		this.disposables.push(services.catalog.onDidChange(() => this.changed.fire()));
	}

	async provideLanguageModelChatInformation(options: vscode.PrepareLanguageModelChatModelOptions): Promise<vscode.LanguageModelChatInformation[]> {
		if (!(await this.isSignedIn()) && (options.silent || !(await this.signIn()))) {
			return [];
		}
		try {
			return (await this.services.catalog.chatModels()).map(toModelInformation);
		} catch (error) {
			if (!(isAiPassError(error) && error.kind === 'notSignedIn')) {
				this.log.warn(`no models for VS Code: the catalog could not be read: ${error instanceof Error ? error.message : String(error)}`);
			}
			return [];
		}
	}

	async provideLanguageModelChatResponse(
		model: vscode.LanguageModelChatInformation,
		messages: readonly vscode.LanguageModelChatRequestMessage[],
		options: vscode.ProvideLanguageModelChatResponseOptions,
		progress: vscode.Progress<vscode.LanguageModelResponsePart>,
		token: vscode.CancellationToken,
	): Promise<void> {
		const request: ChatRequest = {
			model: model.id,
			messages: toChatMessages(messages, { imageInput: model.capabilities.imageInput === true }),
			...toRequestOptions(options),
		};
		const abort = new AbortController();
		const onCancel = token.onCancellationRequested(() => abort.abort());
		if (token.isCancellationRequested) {
			abort.abort();
		}
		const toolCalls = new ToolCallAccumulator();
		const flushToolCalls = (): void => {
			for (const call of toolCalls.drain()) {
				progress.report(new vscode.LanguageModelToolCallPart(call.callId, call.name, call.input));
			}
		};
		this.log.info(`request to ${model.id}: ${request.messages.length} messages, ${request.tools?.length ?? 0} tools`);
		const ask = this.guard?.question({ feature: 'languageModel', model: model.id, used: { tokensIn: messageTokens(request.messages) }, action: model.id });
		if (ask !== undefined) {
			this.log.info(`request to ${model.id} estimated at ${ask.estimate ?? 'an unknown cost'}, above aipass.budget.confirmAbove: sent without asking (vscode.lm callers are other extensions; the guard does not prompt for them)`);
		}
		try {
			for await (const batch of this.services.client.streamChatBatches(request, abort.signal, { paid: { feature: 'languageModel' } })) {
				for (const event of batch) {
					if (event.type === 'delta') {
						progress.report(new vscode.LanguageModelTextPart(event.text));
					} else if (event.type === 'toolCall') {
						toolCalls.add(event);
					} else if (event.type === 'finish' || event.type === 'done') {
						flushToolCalls();
					}
				}
			}
			flushToolCalls();
		} catch (error) {
			const mapped = toLanguageModelError(error);
			if (isAiPassError(error) && error.kind === 'budgetExhausted') {
				// The caller shows its own error; the way out (the wallet) is ours to offer.
				showErrorWithWayOut(error, this.services.config.dashboardUrl);
			}
			this.log.info(`request to ${model.id} ended: ${mapped instanceof vscode.CancellationError ? 'cancelled' : `${error instanceof Error ? error.name : 'error'}`}`);
			throw mapped;
		} finally {
			onCancel.dispose();
		}
	}

	/** Characters / 4 (see `estimateTokens`): AI Pass publishes no tokenizer. */
	async provideTokenCount(_model: vscode.LanguageModelChatInformation, text: string | vscode.LanguageModelChatRequestMessage): Promise<number> {
		return estimateTokens(typeof text === 'string' ? text.length : messageCharacters(text));
	}

	dispose(): void {
		this.disposables.forEach(d => d.dispose());
	}

	private async isSignedIn(): Promise<boolean> {
		try {
			return (await this.services.auth.activeSession()) !== undefined;
		} catch (error) {
			this.log.warn(`sign-in state unknown: ${error instanceof Error ? error.message : String(error)}`);
			return false;
		}
	}

	/** VS Code asks non-silently when the user adds or manages AI Pass models: that is the moment to sign in. */
	private async signIn(): Promise<boolean> {
		return (await vscode.commands.executeCommand<boolean | undefined>(Commands.signIn)) === true;
	}
}

export function toModelInformation(model: ModelInfo): vscode.LanguageModelChatInformation {
	const imageInput = model.capabilities.includes('vision');
	const { family, version } = familyAndVersion(model.id);
	return {
		id: model.id,
		name: model.name ?? model.id,
		family,
		version,
		...(model.ownedBy ? { detail: model.ownedBy } : {}),
		tooltip: imageInput
			? vscode.l10n.t('{0} through AI Pass, billed to your AI Pass budget. Accepts images.', model.id)
			: vscode.l10n.t('{0} through AI Pass, billed to your AI Pass budget.', model.id),
		...tokenLimits(model.id),
		capabilities: {
			imageInput,
			// Every catalog chat model is reached through chat completions, which pass tools through.
			toolCalling: model.type === undefined || model.methods.includes('chat_completions'),
		},
	};
}
