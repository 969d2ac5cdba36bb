import * as vscode from 'vscode';
import { isAiPassError } from '../api/errors';
import type { ChatMessage } from '../api/types';
import { Commands } from '../platform/commands';
import { classifyFailure, type NextStep } from '../platform/failureClass';
import type { Logger } from '../platform/log';
import type { AiPassClient } from '../api/client';
import type { ModelCatalog } from '../api/modelCatalog';
import type { Config } from '../platform/config';
import { historyMessages } from './chatHistory';
import { lmVendor } from './chatModelProvider';
import { messageTokens } from '../api/tokenEstimate';
import { budgetMarkdown, integrateHelpMarkdown, modelsMarkdown } from './participantReports';
import { markdownText, type ParticipantSpend } from './participantSpend';
import { integrationSystemPrompt, knownPlatforms, parseIntegrateRequest, type Playbook } from './playbook';
import { referencesContext } from './promptReferences';

/** Contract: `@aipass` in VS Code's chat (also in package.json `chatParticipants`). */
export const participantId = 'aipass.chat';

/** What `@aipass` reads: the client, the catalog and the settings. */
export interface ParticipantServices {
	readonly client: Pick<AiPassClient, 'streamChatBatches' | 'usageSummary'>;
	readonly catalog: Pick<ModelCatalog, 'get'>;
	readonly config: Pick<Config, 'dashboardUrl' | 'chatModel'>;
}

export interface ChatHandlerDeps {
	readonly services: ParticipantServices;
	readonly playbook: Playbook;
	readonly log: Logger;
	/** `/budget`'s spending section (Markdown) for what is left. */
	readonly spending?: (remaining: number) => string;
	/** The spend guard, asking in the chat response before an expensive request. */
	readonly spend?: Pick<ParticipantSpend, 'confirm'>;
}

const chatSystemPrompt = 'You are the AI Pass assistant inside VS Code. Answer the developer concisely in Markdown, with fenced code blocks for code.';

/**
 * The `@aipass` handler: `/budget` and `/models` are reports from the API; `/integrate <platform>` and
 * plain questions stream an answer from the user's AI Pass model: the picked model when it is an AI Pass
 * one, else `aipass.chat.model`, called through the API client directly.
 */
export function createChatHandler(deps: ChatHandlerDeps): vscode.ChatRequestHandler {
	return async (request, context, response, token) => {
		const abort = new AbortController();
		const onCancel = token.onCancellationRequested(() => abort.abort());
		try {
			switch (request.command) {
				case 'budget': {
					const summary = await deps.services.client.usageSummary(abort.signal);
					response.markdown(budgetMarkdown(summary, deps.services.config.dashboardUrl, deps.spending?.(summary.remainingBudget)));
					if (summary.remainingBudget > 0) {
						response.button({ command: Commands.budgetShowUsage, title: vscode.l10n.t('Show Usage') });
					}
					return { metadata: { command: 'budget' } };
				}
				case 'models':
					response.markdown(modelsMarkdown(await deps.services.catalog.get(), deps.services.config.chatModel));
					return { metadata: { command: 'models' } };
				case 'integrate':
					return await integrate(deps, request, context, response, abort.signal);
				default:
					return await answer(deps, modelFor(request, deps.services), [
						{ role: 'system', content: chatSystemPrompt },
						...historyMessages(context.history),
						{ role: 'user', content: await withReferences(request, request.prompt, deps.log, response) },
					], response, abort.signal);
			}
		} catch (error) {
			return failure(error, response, deps);
		} finally {
			onCancel.dispose();
		}
	};
}

async function integrate(deps: ChatHandlerDeps, request: vscode.ChatRequest, context: vscode.ChatContext, response: vscode.ChatResponseStream, signal: AbortSignal): Promise<vscode.ChatResult> {
	const parsed = parseIntegrateRequest(request.prompt);
	if (!parsed) {
		response.markdown(integrateHelpMarkdown(knownPlatforms));
		return { metadata: { command: 'integrate' } };
	}
	const playbook = await deps.playbook.read();
	response.reference(deps.playbook.uri);
	const ask = `Integrate AI Pass into my ${parsed.platform} project.${parsed.details ? `\n\n${parsed.details}` : ''}`;
	return answer(deps, modelFor(request, deps.services), [
		{ role: 'system', content: integrationSystemPrompt(playbook, parsed.platform) },
		...historyMessages(context.history),
		{ role: 'user', content: await withReferences(request, ask, deps.log, response) },
	], response, signal, 'integrate');
}

async function answer(deps: ChatHandlerDeps, model: string, messages: ChatMessage[], response: vscode.ChatResponseStream, signal: AbortSignal, command?: string): Promise<vscode.ChatResult> {
	const question = { feature: 'participant', model, used: { tokensIn: messageTokens(messages) }, action: vscode.l10n.t('Ask {0}', model) } as const;
	if (deps.spend && !(await deps.spend.confirm(question, response, signal))) {
		return { metadata: { model, notSent: true, ...(command ? { command } : {}) } };
	}
	deps.log.info(`${command ? `/${command} ` : ''}request to ${model}: ${messages.length} messages`);
	for await (const batch of deps.services.client.streamChatBatches({ model, messages }, signal, { paid: { feature: 'participant' } })) {
		for (const event of batch) {
			if (event.type === 'delta') {
				response.markdown(event.text);
			}
		}
	}
	return { metadata: { model, ...(command ? { command } : {}) } };
}

/** The model picked in the chat view when it is an AI Pass model, else the `aipass.chat.model` setting. */
function modelFor(request: vscode.ChatRequest, services: ParticipantServices): string {
	return request.model?.vendor === lmVendor ? request.model.id : services.config.chatModel;
}

/** The prompt with its attachments; each refused one is said in the answer (as text: file names are not Markdown). */
async function withReferences(request: vscode.ChatRequest, prompt: string, log: Logger, response: vscode.ChatResponseStream): Promise<string> {
	const { context, refused } = await referencesContext(request.references, log);
	for (const sentence of refused) {
		response.markdown(`${markdownText(sentence)}\n\n`);
	}
	return context === undefined ? prompt : `${context}\n\n${prompt}`;
}

/**
 * The operation runner's classification, rendered in the chat response instead of a notification:
 * cancellation is silent; anything else is the chat's error line with a button for the next step
 * (Sign In, Top Up, Choose Another Model; VS Code's chat has its own retry).
 */
function failure(error: unknown, response: vscode.ChatResponseStream, deps: ChatHandlerDeps): vscode.ChatResult {
	const classified = classifyFailure(error, vscode.l10n);
	if (classified.kind === 'cancelled') {
		deps.log.info('request cancelled');
		return {};
	}
	deps.log.error(error instanceof Error ? error : String(error));
	if (!isAiPassError(error)) {
		return { errorDetails: { message: classified.message } };
	}
	const button = nextStepButton(classified.kind, deps.services.config.dashboardUrl);
	if (button) {
		response.button(button);
	}
	return { errorDetails: { message: classified.message }, metadata: { errorKind: error.kind, next: classified.kind } };
}

function nextStepButton(step: NextStep, dashboardUrl: string): vscode.Command | undefined {
	switch (step) {
		case 'signIn':
			return { command: Commands.signIn, title: vscode.l10n.t('Sign In to AI Pass') };
		case 'topUp':
			return { command: 'vscode.open', arguments: [vscode.Uri.parse(dashboardUrl)], title: vscode.l10n.t('Top Up at AI Pass') };
		case 'chooseModel':
			return { command: Commands.manageLanguageModels, title: vscode.l10n.t('Choose Another Model') };
		default:
			return undefined;
	}
}
