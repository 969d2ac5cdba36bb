#!/usr/bin/env node
// `npm start`: sets up what is missing (dependencies, Node 24 + VS Code server, build), then starts the playground.
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
step('node', ['esbuild.mjs']);
step('npx', ['tsx', 'test/host/playground.ts', ...process.argv.slice(2)]);
