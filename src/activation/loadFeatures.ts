import type * as features from '../features';

/**
 * The Node host loads the features from their own bundle, dist/features.js, on first use: activation
 * parses only the small dist/extension.js (see esbuild.mjs). The web worker host has one bundle
 * (loadFeatures.web.ts). Nothing in the entry bundle may be a class the features also use.
 */
export function loadFeatures(): typeof features {
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- the one lazy require, made external by esbuild.mjs
	return require('./features.js') as typeof features;
}
