import * as vscode from 'vscode';
import { Commands } from '../platform/commands';
import type { Services } from '../services';
import { AiPassChatModelProvider, lmVendor } from './chatModelProvider';
import { createChatHandler, participantId } from './chatParticipant';
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
}

/** AI Pass in VS Code's own AI features: the `aipass` language model vendor and the `@aipass` chat participant. */
export function registerLanguageModels(services: Services, spending?: (remaining: number) => string, guard?: SpendQuestions): LanguageModels {
	const { context } = services;
	const log = services.log.child('lm');
	const provider = new AiPassChatModelProvider(services, log, guard);
	const playbook = new Playbook(vscode.Uri.joinPath(context.extensionUri, ...playbookPath));
	const participantLog = services.log.child('@aipass');
	const spend = guard ? new ParticipantSpend(guard, participantLog) : undefined;
	if (spend) {
		context.subscriptions.push(spend);
	}
	const chatHandler = createChatHandler({ services, playbook, log: participantLog, ...(spending ? { spending } : {}), ...(spend ? { spend } : {}) });
	const participant = vscode.chat.createChatParticipant(participantId, chatHandler);
	participant.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'icon.png');
	context.subscriptions.push(
		provider,
		vscode.lm.registerLanguageModelChatProvider(lmVendor, provider),
		participant,
		vscode.commands.registerCommand(Commands.manageLanguageModels, () => manageLanguageModels(services, log)),
	);
	return { provider, chatHandler, playbook, spend };
}
