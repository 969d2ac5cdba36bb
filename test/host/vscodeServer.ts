import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { assertHostInstalled, node24, serverMain } from './hostPaths';

export interface VsCodeServerOptions {
	/** Folder for user data, server data, extensions and the workspace of this run. */
	readonly runDir: string;
	/** User settings written to `<user-data>/User/settings.json` before start. */
	readonly settings?: Record<string, unknown>;
	/** Extra environment for the server and so for its extension host. */
	readonly env?: Record<string, string>;
	readonly host?: string;
	/** A fixed port (default: a free one). */
	readonly port?: number;
	/** Origins VS Code opens without its "open the external website?" prompt (the emulator's). */
	readonly trustedDomains?: readonly string[];
	/**
	 * `--enable-smoke-test-driver` (default true): needed for the development/test payload, and it hides
	 * notification toasts. The playground turns it off and installs the extension instead.
	 */
	readonly smokeTestDriver?: boolean;
	/** Start the server as its own process group and stop the whole group (extension host, pty host too). */
	readonly ownProcessGroup?: boolean;
	/** Where the server's own output goes (default: a file in runDir). */
	readonly onOutput?: (text: string) => void;
	/**
	 * Workspace trust as a user has it (default: off, `--disable-workspace-trust`). On, with fresh user
	 * data, the folder is untrusted: VS Code runs it in Restricted Mode.
	 */
	readonly workspaceTrust?: boolean;
	/** Written to `<workspace>/.vscode/settings.json` before start, as a cloned repository would carry it. */
	readonly workspaceSettings?: Record<string, unknown>;
}

export interface RunningVsCodeServer {
	readonly origin: string;
	readonly host: string;
	readonly port: number;
	readonly workspaceDir: string;
	readonly userDataDir: string;
	readonly extensionsDir: string;
	/** The workbench URL, optionally with a development/test payload. */
	workbenchUrl(payload?: { extensionDevelopmentPath?: string; extensionTestsPath?: string }): string;
	stop(): Promise<void>;
}

/** A free port: `preferred` when it is free, else any. */
export async function freePort(host = '127.0.0.1', preferred = 0): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', error => (preferred !== 0 ? freePort(host).then(resolve, reject) : reject(error)));
		server.listen(preferred, host, () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

/** Starts the real VS Code server (from the code-server npm package) on loopback. */
export async function startVsCodeServer(options: VsCodeServerOptions): Promise<RunningVsCodeServer> {
	assertHostInstalled();
	const host = options.host ?? '127.0.0.1';
	const port = options.port ?? await freePort(host);
	const userDataDir = path.join(options.runDir, 'user-data');
	const serverDataDir = path.join(options.runDir, 'server-data');
	const extensionsDir = path.join(options.runDir, 'extensions');
	const workspaceDir = path.join(options.runDir, 'workspace');
	for (const dir of [userDataDir, serverDataDir, extensionsDir, workspaceDir, path.join(userDataDir, 'User')]) {
		mkdirSync(dir, { recursive: true });
	}
	if (options.workspaceSettings !== undefined) {
		mkdirSync(path.join(workspaceDir, '.vscode'), { recursive: true });
		writeFileSync(path.join(workspaceDir, '.vscode', 'settings.json'), JSON.stringify(options.workspaceSettings, null, 2));
	}
	writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({
		'workbench.startupEditor': 'none',
		'workbench.tips.enabled': false,
		'extensions.autoCheckUpdates': false,
		'extensions.autoUpdate': false,
		'update.mode': 'none',
		'telemetry.telemetryLevel': 'off',
		'chat.disableAIFeatures': false,
		...options.settings,
	}, null, 2));

	const child: ChildProcess = spawn(node24, [
		serverMain,
		'--host', host, '--port', String(port),
		'--without-connection-token', '--accept-server-license-terms', ...(options.smokeTestDriver ?? true ? ['--enable-smoke-test-driver'] : []),
		...(options.workspaceTrust === true ? [] : ['--disable-workspace-trust']), '--telemetry-level', 'off',
		'--user-data-dir', userDataDir, '--server-data-dir', serverDataDir, '--extensions-dir', extensionsDir,
		...(options.trustedDomains ?? []).flatMap(domain => ['--link-protection-trusted-domains', domain]),
	], {
		env: { ...process.env, ...options.env, VSCODE_AGENT_FOLDER: serverDataDir },
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: options.ownProcessGroup ?? false,
	});
	const output: string[] = [];
	const onData = (chunk: Buffer) => {
		const text = chunk.toString();
		output.push(text);
		options.onOutput?.(text);
	};
	child.stdout?.on('data', onData);
	child.stderr?.on('data', onData);

	const origin = `http://${host}:${port}`;
	await waitForHttp(origin, child, output);

	return {
		origin, host, port, workspaceDir, userDataDir, extensionsDir,
		workbenchUrl(payload) {
			const params = new URLSearchParams({ folder: workspaceDir });
			const entries: [string, string][] = [];
			if (payload?.extensionDevelopmentPath) {
				entries.push(['extensionDevelopmentPath', `vscode-remote://${host}:${port}${payload.extensionDevelopmentPath}`]);
			}
			if (payload?.extensionTestsPath) {
				entries.push(['extensionTestsPath', `vscode-remote://${host}:${port}${payload.extensionTestsPath}`]);
			}
			if (entries.length > 0) {
				params.set('payload', JSON.stringify(entries));
			}
			return `${origin}/?${params.toString()}`;
		},
		async stop() {
			if (child.exitCode !== null || child.signalCode !== null) {
				return;
			}
			const exited = new Promise<void>(resolve => child.once('exit', () => resolve()));
			const signal = (name: NodeJS.Signals): void => {
				if (options.ownProcessGroup && child.pid !== undefined) {
					try {
						process.kill(-child.pid, name);
					} catch {
						// The group is gone already.
					}
				} else {
					child.kill(name);
				}
			};
			signal('SIGTERM');
			const timer = setTimeout(() => signal('SIGKILL'), 5000);
			await exited;
			clearTimeout(timer);
		},
	};
}

async function waitForHttp(origin: string, child: ChildProcess, output: string[]): Promise<void> {
	const deadline = Date.now() + 60_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) {
			throw new Error(`VS Code server exited with ${child.exitCode}:\n${output.join('')}`);
		}
		try {
			const response = await fetch(`${origin}/version`);
			if (response.ok || response.status === 404) {
				return;
			}
		} catch {
			// Not listening yet: poll again below.
		}
		await new Promise(resolve => setTimeout(resolve, 200));
	}
	throw new Error(`VS Code server did not start within 60 s:\n${output.join('')}`);
}
