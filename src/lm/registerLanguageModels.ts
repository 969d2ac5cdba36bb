import * as vscode from 'vscode';
import { Commands } from '../commands';
import type { Services } from '../services';
import { AiPassChatModelProvider, lmVendor } from './chatModelProvider';
import { createChatHandler, participantId } from './chatParticipant';
import { manageLanguageModels } from './manageModels';
import { Playbook, playbookPath } from './playbook';

/** What the feature hands back (the extension's tests drive both directly). */
export interface LanguageModels {
	readonly provider: AiPassChatModelProvider;
	readonly chatHandler: vscode.ChatRequestHandler;
	readonly playbook: Playbook;
}

/** AI Pass in VS Code's own AI features: the `aipass` language model vendor and the `@aipass` chat participant. */
export function registerLanguageModels(services: Services, spending?: (remaining: number) => string): LanguageModels {
	const { context } = services;
	const log = services.log.child('lm');
	const provider = new AiPassChatModelProvider(services, log);
	const playbook = new Playbook(vscode.Uri.joinPath(context.extensionUri, ...playbookPath));
	const chatHandler = createChatHandler({ services, playbook, log: services.log.child('@aipass'), ...(spending ? { spending } : {}) });
	const participant = vscode.chat.createChatParticipant(participantId, chatHandler);
	participant.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'icon.png');
	context.subscriptions.push(
		provider,
		vscode.lm.registerLanguageModelChatProvider(lmVendor, provider),
		participant,
		vscode.commands.registerCommand(Commands.manageLanguageModels, () => manageLanguageModels(services, log)),
	);
	return { provider, chatHandler, playbook };
}
