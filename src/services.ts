import type * as vscode from 'vscode';
import type { AiPassClient } from './api/client';
import type { ModelCatalog } from './api/modelCatalog';
import type { AiPassAuthProvider } from './auth/authProvider';
import type { Config } from './platform/config';
import type { Logger } from './platform/log';

/** The long-lived parts every feature is built from; created once in `activate`. */
export interface Services {
	readonly context: vscode.ExtensionContext;
	readonly config: Config;
	readonly log: Logger;
	readonly auth: AiPassAuthProvider;
	readonly client: AiPassClient;
	/** The shared model catalog cache (chat, vision, language model provider, media commands). */
	readonly catalog: ModelCatalog;
	/** Fires when a paid request settles (success, failure or abort): the budget indicator refreshes on it. */
	readonly onDidSettlePaidRequest: vscode.Event<void>;
}
