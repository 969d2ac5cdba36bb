import * as vscode from 'vscode';
import type { AiPassClient } from '../api/client';
import type { ModelCatalog } from '../api/modelCatalog';
import type { CommandHandlers } from '../platform/commandHandlers';
import type { Subscriptions } from '../platform/subscriptions';
import { Commands } from '../platform/commands';
import type { ApplyRequest } from '../platform/applyRequest';
import type { Config } from '../platform/config';
import type { SpendCheck } from '../platform/spendingPorts';
import { showError } from '../platform/errors';
import type { Logger } from '../platform/log';
import { applyCodeBlock, fastModel } from './applyCode';
import { editSelection } from './editSelection';
import { Proposals } from './proposals';
import { RecentInstructions } from './recentInstructions';

/** Apply from the chat, Edit Selection and the proposals under review. */
export interface ApplyFeature {
	/** Apply on a chat code block: resolves the target and opens the proposal. */
	applyBlock(request: ApplyRequest): Promise<void>;
	readonly proposals: Proposals;
	readonly commands: CommandHandlers<(typeof applyCommandIds)[number]>;
}

export const applyCommandIds = [Commands.applyAccept, Commands.applyReject, Commands.editSelection] as const;

/** What Apply and Edit Selection use. */
export interface ApplyDeps {
	readonly globalState: vscode.Memento;
	readonly subscriptions: Subscriptions;
	readonly config: Pick<Config, 'applyModel' | 'chatModel'>;
	readonly log: Logger;
	readonly client: Pick<AiPassClient, 'chat' | 'streamChatBatches'>;
	readonly catalog: Pick<ModelCatalog, 'chatModels'>;
}

export function createApply(services: ApplyDeps, guard?: SpendCheck): ApplyFeature {
	const { config, client, catalog } = services;
	const log = services.log.child('apply');
	const proposals = new Proposals(log);
	const recent = new RecentInstructions(services.globalState);
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
			for await (const batch of client.streamChatBatches(request, signal, { paid: { feature: 'apply' } })) {
				for (const event of batch) {
					if (event.type === 'delta') {
						onText(event.text);
					}
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
	services.subscriptions.push(proposals);
	return {
		proposals,
		commands: {
			[Commands.applyAccept]: guarded((uri?: unknown) => proposals.accept(uri instanceof vscode.Uri ? uri : undefined)),
			[Commands.applyReject]: guarded((uri?: unknown) => proposals.reject(uri instanceof vscode.Uri ? uri : undefined)),
			[Commands.editSelection]: guarded(() => editSelection(editDeps, vscode.window.activeTextEditor)),
		},
		applyBlock: async request => {
			try {
				await applyCodeBlock(applyDeps, request);
			} catch (e) {
				showError(e, log);
			}
		},
	};
}
