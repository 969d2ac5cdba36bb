import * as vscode from 'vscode';
import type { ModelCatalog } from '../api/modelCatalog';
import type { ModelInfo, ModelMethod } from '../api/types';
import type { MediaInput } from './mediaInput';
import { MediaInputError } from './mediaRunner';

export interface ModelRequest {
	readonly command: string;
	/** The catalog method the model must list, e.g. `image_generation`. */
	readonly method: ModelMethod;
	/** A model id given by the caller; must be in the catalog for `method`. */
	readonly requested: unknown;
	/** What the model is for, in words (e.g. "image generation"). */
	readonly purpose: string;
	/** Extra requirement (e.g. multi-image edits) and the message when the requested model fails it. */
	readonly accept?: (model: ModelInfo) => boolean;
	readonly rejected?: (model: ModelInfo) => string;
}

/**
 * Chooses a model from the AI Pass catalog by method (never by guessing from an id): a caller's
 * model is checked against the catalog, otherwise the user picks (the last choice per command first).
 */
export class ModelChoice {
	constructor(private readonly catalog: ModelCatalog, private readonly input: MediaInput) {}

	async choose(request: ModelRequest): Promise<ModelInfo> {
		const models = await this.catalog.get({ method: request.method });
		if (models.length === 0) {
			throw new MediaInputError(vscode.l10n.t('AI Pass lists no models for {0} for your account.', request.purpose));
		}
		const accept = request.accept ?? (() => true);
		if (request.requested !== undefined) {
			const model = models.find(m => m.id === request.requested);
			if (model === undefined) {
				throw new MediaInputError(vscode.l10n.t('"{0}" is not an AI Pass model for {1}. Choose one of: {2}.',
					String(request.requested), request.purpose, models.map(m => m.id).join(', ')));
			}
			if (!accept(model)) {
				throw new MediaInputError(request.rejected?.(model) ?? vscode.l10n.t('The model {0} cannot do this.', model.id));
			}
			return model;
		}
		const candidates = models.filter(accept);
		if (candidates.length === 0) {
			throw new MediaInputError(request.rejected?.(models[0]) ?? vscode.l10n.t('No AI Pass model can do this.'));
		}
		const id = await this.input.pick(request.command, 'model', undefined, {
			title: vscode.l10n.t('AI Pass model for {0}', request.purpose),
			items: candidates.map(m => ({ label: m.id, description: m.name ?? m.ownedBy, value: m.id })),
			isValid: (value): value is string => typeof value === 'string',
			invalidMessage: () => '',
		});
		const chosen = candidates.find(m => m.id === id);
		if (chosen === undefined) {
			throw new vscode.CancellationError();
		}
		return chosen;
	}
}
