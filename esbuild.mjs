// Builds the extension host bundle and the webview bundle (and, with --tests, the integration test bundle).
import { copyFileSync, mkdirSync } from 'node:fs';
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

/**
 * The image codec runs in a worker thread on a bundle of its own, dist/imageCodecWorker.js (see
 * src/image/codecLoader.ts): activation never parses it and decoding never blocks the host. Its
 * WebAssembly (mozjpeg, the Rust png crate, libwebp) is copied beside it and read from there.
 * @type {esbuild.Plugin}
 */
const codecWasm = {
	name: 'codec-wasm',
	setup(build) {
		build.onEnd(() => {
			mkdirSync('dist', { recursive: true });
			for (const file of [
				'@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm',
				'@jsquash/jpeg/codec/enc/mozjpeg_enc.wasm',
				'@jsquash/png/codec/pkg/squoosh_png_bg.wasm',
				'@jsquash/webp/codec/dec/webp_dec.wasm',
			]) {
				copyFileSync(`node_modules/${file}`, `dist/${file.split('/').pop()}`);
			}
		});
	},
};

/**
 * The chat webview's icon font ships from node_modules into dist/media (the webview may load only
 * dist/ and media/, and the packaged extension has no node_modules).
 * @type {esbuild.Plugin}
 */
const codicons = {
	name: 'codicons',
	setup(build) {
		build.onEnd(() => {
			mkdirSync('dist/media', { recursive: true });
			for (const file of ['codicon.css', 'codicon.ttf']) {
				copyFileSync(`node_modules/@vscode/codicons/dist/${file}`, `dist/media/${file}`);
			}
		});
	},
};

/** @type {esbuild.BuildOptions[]} */
const builds = [
	{
		...common,
		entryPoints: { extension: 'src/extension.ts', imageCodecWorker: 'src/image/codec/nodeWorkerMain.ts' },
		outdir: 'dist',
		platform: 'node',
		format: 'cjs',
		target: 'node20',
		external: ['vscode'],
		mainFields: ['module', 'main'],
		// `import()` becomes `require()`: the codec's WebAssembly glue is bundled into the worker.
		supported: { 'dynamic-import': false },
		plugins: [codecWasm],
	},
	{
		...common,
		entryPoints: { chat: 'src/webview/chat/main.ts' },
		outdir: 'dist/webview',
		platform: 'browser',
		format: 'iife',
		target: 'chrome120',
		plugins: [codicons],
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
