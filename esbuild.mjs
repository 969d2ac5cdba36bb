// Builds the extension host bundle and the webview bundle (and, with --tests, the integration test bundle).
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
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
 * src/vision/codecLoader.ts): activation never parses it and decoding never blocks the host. Its
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

/**
 * Host seams for the browser build: a relative import `./x` resolves to `./x.web.ts` when that file
 * exists beside it (e.g. src/vision/codecLoader.web.ts). Everything else is shared by both hosts.
 * @type {esbuild.Plugin}
 */
const webSeams = {
	name: 'web-seams',
	setup(build) {
		build.onResolve({ filter: /^\.\.?\// }, args => {
			const candidate = path.resolve(args.resolveDir, `${args.path}.web.ts`);
			return existsSync(candidate) ? { path: candidate } : undefined;
		});
	},
};

/**
 * The Node host's activation parses only a small entry (registrations, src/extension.ts); the features
 * come from dist/features.js, `require`d on first use by src/activation/loadFeatures.ts. Nothing but
 * that require crosses the two bundles, so no class exists twice.
 * @type {esbuild.Plugin}
 */
const lazyFeatures = {
	name: 'lazy-features',
	setup(build) {
		build.onResolve({ filter: /^\.\/features\.js$/ }, args => (args.importer.endsWith(path.join('activation', 'loadFeatures.ts')) ? { path: './features.js', external: true } : undefined));
	},
};

/** @type {esbuild.BuildOptions[]} */
const builds = [
	{
		...common,
		entryPoints: { extension: 'src/extension.ts', features: 'src/features.ts', imageCodecWorker: 'src/vision/codec/nodeWorkerMain.ts' },
		outdir: 'dist',
		platform: 'node',
		format: 'cjs',
		target: 'node20',
		external: ['vscode'],
		mainFields: ['module', 'main'],
		// `import()` becomes `require()`: the codec's WebAssembly glue is bundled into the worker.
		supported: { 'dynamic-import': false },
		plugins: [codecWasm, lazyFeatures],
	},
	{
		// The web worker extension host (vscode.dev, github.dev): package.json#browser. CommonJS (the
		// worker refuses ESM), no Node built-ins (platform browser fails the build on one), `require`
		// resolves only `vscode` there. The codec bundle (serveCodec) is read and evaluated on first use,
		// see src/vision/codecLoader.web.ts; the .wasm files are shared with the Node build.
		...common,
		entryPoints: { extension: 'src/extension.ts', imageCodec: 'src/vision/codec/codecWorker.ts' },
		outdir: 'dist/web',
		platform: 'browser',
		format: 'cjs',
		target: 'es2022',
		external: ['vscode'],
		mainFields: ['browser', 'module', 'main'],
		supported: { 'dynamic-import': false },
		// The Emscripten glue of the @jsquash codecs resolves its .wasm against import.meta.url at load (and
		// never fetches it: src/vision/codec/wasmModules.ts hands it the bytes). CommonJS has no import.meta.
		define: { 'import.meta.url': JSON.stringify('https://aipass.invalid/dist/web/imageCodec.js') },
		plugins: [webSeams],
	},
	{
		...common,
		entryPoints: { chat: 'src/webview/chat/main.ts', usage: 'src/webview/usage/main.ts' },
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
