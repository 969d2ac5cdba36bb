import * as features from '../features';

/** The web worker host resolves only `vscode` in `require`: the features are part of its one bundle. */
export function loadFeatures(): typeof features {
	return features;
}
