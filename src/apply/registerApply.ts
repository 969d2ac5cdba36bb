import * as vscode from 'vscode';
import { Commands } from '../platform/commands';
import type { ApplyRequest } from '../platform/applyRequest';
import type { SpendCheck } from '../platform/spendingPorts';
import { showError } from '../platform/errors';
import type { Services } from '../services';
import { applyCodeBlock, fastModel } from './applyCode';
import { editSelection } from './editSelection';
import { Proposals } from './proposals';
import { RecentInstructions } from './recentInstructions';

/** Apply from the chat, Edit Selection and the proposals under review. */
export interface ApplyFeature {
	/** Apply on a chat code block: resolves the target and opens the proposal. */
	applyBlock(request: ApplyRequest): Promise<void>;
	readonly proposals: Proposals;
}

type ApplyServices = Pick<Services, 'context' | 'config' | 'log' | 'client' | 'catalog'>;

export function registerApply(services: ApplyServices, guard?: SpendCheck): ApplyFeature {
	const { context, config, client, catalog } = services;
	const log = services.log.child('apply');
	const proposals = new Proposals(log);
	const recent = new RecentInstructions(context.globalState);
	const applyDeps = {
		log, proposals, guard,
		chat: async (request: Parameters<typeof client.chat>[0], signal: AbortSignal): Promise<string> => {
			const completion = await client.chat(request, signal, { feature: 'apply' });
			const content = completion.choices[0]?.message.content;
			return typeof content === 'string' ? content : '';
		},
		mergeModel: () => fastModel(config.applyModel, () => catalog.chatModels(), config.chatModel, log),
	};
	const editDeps = {
		log, proposals, recent, guard,
		model: () => config.chatModel,
		stream: async (request: Parameters<typeof client.chat>[0], signal: AbortSignal, onText: (text: string) => void): Promise<void> => {
			for await (const event of client.streamChat(request, signal, { paid: { feature: 'apply' } })) {
				if (event.type === 'delta') {
					onText(event.text);
				}
			}
		},
	};
	const guarded = <A extends unknown[]>(run: (...args: A) => Promise<unknown>) => async (...args: A): Promise<void> => {
		try {
			await run(...args);
		} catch (e) {
			showError(e, log);
		}
	};
	context.subscriptions.push(
		proposals,
		vscode.commands.registerCommand(Commands.applyAccept, guarded((uri?: unknown) => proposals.accept(uri instanceof vscode.Uri ? uri : undefined))),
		vscode.commands.registerCommand(Commands.applyReject, guarded((uri?: unknown) => proposals.reject(uri instanceof vscode.Uri ? uri : undefined))),
		vscode.commands.registerCommand(Commands.editSelection, guarded(() => editSelection(editDeps, vscode.window.activeTextEditor))),
	);
	return {
		proposals,
		applyBlock: async request => {
			try {
				await applyCodeBlock(applyDeps, request);
			} catch (e) {
				showError(e, log);
			}
		},
	};
}
