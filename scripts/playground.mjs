#!/usr/bin/env node
// `npm start`: sets up what is missing (dependencies, Node 24 + VS Code server, build), then starts the playground.
// SIGINT, SIGTERM and SIGHUP (also sent to this process alone, e.g. `kill <pid of npm start>`) stop the whole tree.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { clearInterval, setInterval } from 'node:timers';
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

// The playground itself runs in one Node process (no tsx wrapper in between) that this one tells when to stop.
const child = spawn(process.execPath, ['--import', 'tsx', 'test/host/playground.ts', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
const forward = signal => {
	if (child.exitCode === null && child.signalCode === null) {
		child.kill(signal);
	}
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
	process.on(signal, () => forward(signal));
}
// npm forwards SIGINT and SIGTERM (the `sh -c` between us does not), and dies on SIGHUP without telling anyone:
// when npm (our parent, or the shell's parent) is gone, stop too.
const watched = [process.ppid, parentOf(process.ppid)].filter(pid => pid !== undefined && pid > 1);
const orphanWatch = setInterval(() => {
	if (watched.some(pid => !isAlive(pid))) {
		forward('SIGHUP');
	}
}, 1000);
child.on('exit', (code, signal) => {
	clearInterval(orphanWatch);
	process.exit(code ?? (signal ? 1 : 0));
});

/** The parent of a process, from /proc (Linux); undefined elsewhere. */
function parentOf(pid) {
	try {
		return Number(readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')[1]);
	} catch {
		return undefined;
	}
}

function isAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}
