import * as vscode from 'vscode';
import type { ModelCatalog } from '../api/modelCatalog';
import type { Config } from '../platform/config';
import type { Logger } from '../platform/log';

/** What choosing a vision model reads. */
export interface VisionModelDeps {
	readonly config: Pick<Config, 'visionModel'>;
	readonly catalog: Pick<ModelCatalog, 'get' | 'visionModels'>;
	readonly log: Logger;
}
import { AnalyzeImageError } from './imageSource';

/**
 * The model to ask: `requested` (command argument) or `aipass.vision.model`, checked against the
 * catalog's vision-capable models. A setting that names an unsuitable model opens a picker of the
 * vision-capable ones; an unsuitable argument fails (callers passing one want no UI). A catalog
 * without capability metadata (the legacy string list) cannot tell, so the setting is trusted.
 * Undefined when the user dismisses the picker.
 */
export async function resolveVisionModel(services: VisionModelDeps, requested: string | undefined): Promise<string | undefined> {
	const wanted = requested ?? services.config.visionModel;
	const vision = await services.catalog.visionModels();
	if (vision.some(model => model.id === wanted)) {
		return wanted;
	}
	if (vision.length === 0) {
		const all = await services.catalog.get();
		if (all.length > 0 && all.every(model => model.type === undefined)) {
			services.log.info(`[image] the catalog has no capability metadata; using ${wanted} as configured`);
			return wanted;
		}
		throw new AnalyzeImageError(vscode.l10n.t('AI Pass lists no model that can read images.'));
	}
	const ids = vision.map(model => model.id);
	if (requested !== undefined) {
		throw new AnalyzeImageError(vscode.l10n.t('The model "{0}" cannot read images. Vision-capable models: {1}.', requested, ids.join(', ')));
	}
	services.log.info(`[image] ${wanted} is not a vision-capable model; asking the user`);
	const picked = await vscode.window.showQuickPick(vision.map(model => ({ label: model.id, description: model.name ?? model.ownedBy })), {
		title: vscode.l10n.t('"{0}" cannot read images: choose a vision-capable model', wanted),
		placeHolder: vscode.l10n.t('Set aipass.vision.model to skip this question'),
	});
	return picked?.label;
}
