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
