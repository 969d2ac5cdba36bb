import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { projectRoot } from './hostPaths';

/** Builds the extension host + webview bundles (dev build) with the project's esbuild script. */
export async function buildExtension(): Promise<void> {
	const { spawnSync } = await import('node:child_process');
	const result = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: projectRoot, stdio: 'inherit' });
	if (result.status !== 0) {
		throw new Error('building the extension failed');
	}
}

/** Bundles the integration suites (index.js + suites.js) into `outDir`; returns the index path. */
export async function buildSuites(outDir: string): Promise<string> {
	await esbuild.build({
		entryPoints: {
			index: path.join(projectRoot, 'test/integration/index.ts'),
			suites: path.join(projectRoot, 'test/integration/suites.ts'),
		},
		outdir: outDir,
		bundle: true,
		platform: 'node',
		format: 'cjs',
		target: 'node20',
		sourcemap: 'inline',
		external: ['vscode', 'mocha'],
		logLevel: 'warning',
	});
	return path.join(outDir, 'index.js');
}

/**
 * Bundles the web pass's suites (test/integration/web) for the browser's web worker extension host
 * into `outDir/index.js`: CommonJS (the only format that host loads), one file (its `require`
 * resolves only `vscode`), Mocha's browser build, `assert` for `node:assert/strict`, and the runner's
 * values as `process.env.*` constants (there is no `process` there). Returns the index path.
 */
export async function buildWebSuites(outDir: string, env: Record<string, string>): Promise<string> {
	const web = path.join(projectRoot, 'test/integration/web');
	const shims: Record<string, string> = {
		'node:assert/strict': path.join(web, 'assertStrict.cjs'),
		'node:fs': path.join(web, 'nodeFs.ts'),
		'node:path': path.join(web, 'nodePath.cjs'),
		mocha: path.join(web, 'mochaClass.cjs'),
	};
	await esbuild.build({
		entryPoints: { index: path.join(web, 'index.ts') },
		outdir: outDir,
		bundle: true,
		platform: 'browser',
		format: 'cjs',
		target: 'es2022',
		sourcemap: 'inline',
		external: ['vscode'],
		mainFields: ['browser', 'module', 'main'],
		supported: { 'dynamic-import': false },
		inject: [path.join(web, 'bufferShim.ts')],
		define: {
			// `typeof process` stays "undefined" (test/integration/hostInfo.ts tells the hosts apart by it).
			'process.env': JSON.stringify({ NODE_DEBUG: '', ...env }),
			// Read by the `assert` package only while formatting a failure message.
			'process.stderr': 'undefined',
			__dirname: JSON.stringify(web),
		},
		plugins: [{
			name: 'web-test-shims',
			setup(build) {
				build.onResolve({ filter: /^(?:node:assert\/strict|node:fs|node:path|mocha)$/ }, args => ({ path: shims[args.path] }));
				// Mocha's UMD build sits in a "type": "module" package, so esbuild would leave its
				// `module`/`exports` free and it would replace the bundle's own exports (the `run` VS Code
				// calls): hide them, and it takes its global branch (globalThis.Mocha).
				build.onLoad({ filter: /[\\/]mocha[\\/]mocha\.js$/ }, async args => ({
					contents: `(function (exports, module, define) {\n${await readFile(args.path, 'utf8')}\n}).call(globalThis);`,
					loader: 'js',
				}));
			},
		}],
		logLevel: 'warning',
	});
	return path.join(outDir, 'index.js');
}
