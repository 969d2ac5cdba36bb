import * as vscode from 'vscode';
import type { CommandHandlers } from '../platform/commandHandlers';
import { Commands } from '../platform/commands';
import type { Config } from '../platform/config';
import type { Logger } from '../platform/log';
import type { Subscriptions } from '../platform/subscriptions';
import { AiPassChatModelProvider, type ChatModelProviderDeps } from './chatModelProvider';
import { createChatHandler, type ParticipantServices } from './chatParticipant';
import { manageLanguageModels } from './manageModels';
import { ParticipantSpend, type SpendQuestions } from './participantSpend';
import { Playbook, playbookPath } from './playbook';

/** What the feature hands back (the extension's tests drive both directly). */
export interface LanguageModels {
	readonly provider: AiPassChatModelProvider;
	readonly chatHandler: vscode.ChatRequestHandler;
	readonly playbook: Playbook;
	/** The spend guard's questions in `@aipass` responses (absent without a guard). */
	readonly spend: ParticipantSpend | undefined;
	readonly commands: CommandHandlers<(typeof lmCommandIds)[number]>;
}

export const lmCommandIds = [Commands.manageLanguageModels, Commands.participantConfirmSpend] as const;

/** What the provider and `@aipass` use. */
export interface LanguageModelDeps extends ChatModelProviderDeps, ParticipantServices {
	readonly catalog: ChatModelProviderDeps['catalog'] & ParticipantServices['catalog'];
	readonly client: ChatModelProviderDeps['client'] & ParticipantServices['client'];
	readonly config: Config;
	readonly log: Logger;
	readonly extensionUri: vscode.Uri;
	readonly subscriptions: Subscriptions;
}

/**
 * AI Pass in VS Code's own AI features: the `aipass` language model provider and the `@aipass` handler
 * (extension.ts registers both and hands them over on first use).
 */
export function createLanguageModels(deps: LanguageModelDeps, spending?: (remaining: number) => string, guard?: SpendQuestions): LanguageModels {
	const log = deps.log.child('lm');
	const provider = new AiPassChatModelProvider(deps, log, guard);
	const playbook = new Playbook(vscode.Uri.joinPath(deps.extensionUri, ...playbookPath));
	const participantLog = deps.log.child('@aipass');
	const spend = guard ? new ParticipantSpend(guard, participantLog) : undefined;
	const chatHandler = createChatHandler({ services: deps, playbook, log: participantLog, ...(spending ? { spending } : {}), ...(spend ? { spend } : {}) });
	deps.subscriptions.push(provider, ...(spend ? [spend] : []));
	const commands = {
		[Commands.manageLanguageModels]: () => manageLanguageModels(deps, log),
		[Commands.participantConfirmSpend]: (id: unknown, send: unknown) => spend?.answer(id, send),
	};
	return { provider, chatHandler, playbook, spend, commands };
}
