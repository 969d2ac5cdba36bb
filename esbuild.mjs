// Builds the extension host bundle and the webview bundle (and, with --tests, the integration test bundle).
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');

/** @type {esbuild.BuildOptions} */
const common = {
	bundle: true,
	sourcemap: production ? 'linked' : 'inline',
	minify: production,
	logLevel: 'warning',
	legalComments: production ? 'linked' : 'none',
};

/** @type {esbuild.BuildOptions[]} */
const builds = [
	{
		...common,
		entryPoints: { extension: 'src/extension.ts' },
		outdir: 'dist',
		platform: 'node',
		format: 'cjs',
		target: 'node20',
		external: ['vscode'],
		mainFields: ['module', 'main'],
	},
	{
		...common,
		entryPoints: { chat: 'src/webview/chat/main.ts' },
		outdir: 'dist/webview',
		platform: 'browser',
		format: 'iife',
		target: 'chrome120',
	},
];

if (tests) {
	builds.push({
		...common,
		sourcemap: 'inline',
		minify: false,
		entryPoints: { index: 'test/integration/index.ts', suites: 'test/integration/suites.ts' },
		outdir: 'out/test/integration',
		platform: 'node',
		format: 'cjs',
		target: 'node20',
		external: ['vscode', 'mocha'],
	});
}

if (watch) {
	const contexts = await Promise.all(builds.map(options => esbuild.context(options)));
	await Promise.all(contexts.map(context => context.watch()));
	console.log('[esbuild] watching for changes');
} else {
	const started = Date.now();
	await Promise.all(builds.map(options => esbuild.build(options)));
	console.log(`[esbuild] built ${builds.length} bundle(s)${production ? ' (production)' : ''} in ${Date.now() - started} ms`);
}
