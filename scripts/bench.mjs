#!/usr/bin/env node
// `npm run bench`: sets up what is missing, builds the production bundles, then prints every benchmark.
// `npm run bench -- sse` (or bundles, activation) runs only those.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const step = (command, args) => {
	const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
	if (result.status !== 0) {
		process.exit(result.status ?? 1);
	}
};
if (!existsSync(path.join(root, 'node_modules', '.package-lock.json'))) {
	step('npm', ['ci', '--no-audit', '--no-fund']);
}
step('bash', ['scripts/setupHost.sh']);
step('node', ['esbuild.mjs', '--production']);
step('npx', ['tsx', 'test/bench/index.ts', ...process.argv.slice(2)]);
