import * as vscode from 'vscode';
import { Commands } from '../platform/commands';
import { type Config, configSection } from '../platform/config';
import { showError } from '../platform/errors';
import type { Logger } from '../platform/log';
import type { ModelCatalog } from '../api/modelCatalog';
import type { SessionPort } from '../platform/sessionPort';

/**
 * `aipass.lm.manage` (the `managementCommand` of the AI Pass models): signs in when signed out, else lets
 * the user pick the default AI Pass chat model (`aipass.chat.model`).
 */
export async function manageLanguageModels(services: { readonly auth: SessionPort; readonly config: Config; readonly catalog: Pick<ModelCatalog, 'chatModels'> }, log: Logger): Promise<void> {
	try {
		if (!(await services.auth.activeSession())) {
			await vscode.commands.executeCommand(Commands.signIn);
			return;
		}
		const current = services.config.chatModel;
		const items = (await services.catalog.chatModels()).map(model => ({
			label: model.id,
			description: model.id === current ? vscode.l10n.t('current default') : undefined,
			detail: model.capabilities.includes('vision') ? vscode.l10n.t('Chat, accepts images') : vscode.l10n.t('Chat'),
		}));
		const picked = await vscode.window.showQuickPick(items, {
			title: vscode.l10n.t('AI Pass: Default Chat Model'),
			placeHolder: vscode.l10n.t('All AI Pass chat models are in VS Code\'s model picker; choose the one @aipass and the AI Pass chat use by default'),
		});
		if (picked && picked.label !== current) {
			await vscode.workspace.getConfiguration(configSection).update('chat.model', picked.label, vscode.ConfigurationTarget.Global);
			log.info(`default chat model set to ${picked.label}`);
		}
	} catch (error) {
		showError(error, log);
	}
}
