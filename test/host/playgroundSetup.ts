import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { startEmulator, type RunningEmulator } from '../emulator/server';
import { installBuiltExtension } from './installExtension';
import { seedPlaygroundWorkspace } from './playgroundWorkspace';
import { freePort, startVsCodeServer, type RunningVsCodeServer } from './vscodeServer';

export interface PlaygroundOptions {
	/** User data, server data, extensions and the workspace; outside any Git repository. */
	readonly runDir: string;
	readonly host?: string;
	readonly port?: number;
	readonly emulatorHost?: string;
	readonly emulatorPort?: number;
	/** Model-like answers and pictures (default true); false gives the tests' plain echo emulator. */
	readonly demo?: boolean;
	/** Keep the emulator's consent page instead of approving sign-ins at once. */
	readonly consent?: boolean;
	/** Extra user settings (e.g. a display language for a screenshot). */
	readonly settings?: Record<string, unknown>;
}

export interface Playground {
	readonly emulator: RunningEmulator;
	readonly server: RunningVsCodeServer;
	/** The workbench URL to open: the workspace folder, no development or test payload. */
	readonly url: string;
	readonly workspaceDir: string;
	stop(): Promise<void>;
}

/**
 * The playground: the AI Pass emulator (demo mode) and a real VS Code server with the built extension
 * installed as an ordinary extension, so VS Code behaves as it does for a user (toasts included).
 */
export async function startPlayground(options: PlaygroundOptions): Promise<Playground> {
	const host = options.host ?? '127.0.0.1';
	mkdirSync(options.runDir, { recursive: true });
	const extensionsDir = path.join(options.runDir, 'extensions');
	installBuiltExtension(extensionsDir);
	seedPlaygroundWorkspace(path.join(options.runDir, 'workspace'));
	const emulator = await startEmulator({ host: options.emulatorHost ?? '127.0.0.2', port: options.emulatorPort ?? 0, quiet: true, demo: options.demo ?? true });
	if (!options.consent) {
		await emulator.admin.setConfig({ autoApprove: 'allow' });
	}
	let server: RunningVsCodeServer;
	try {
		server = await startVsCodeServer({
			runDir: options.runDir,
			host,
			port: await freePort(host, options.port ?? 0),
			settings: {
				'aipass.baseUrl': emulator.url,
				'aipass.clientId': 'client_vscode_test',
				'git.openRepositoryInParentFolders': 'never',
				'workbench.startupEditor': 'readme',
				// Room for the AI Pass view: VS Code's own chat pane cannot sign in to Copilot offline anyway.
				'workbench.secondarySideBar.defaultVisibility': 'hidden',
				...options.settings,
			},
			trustedDomains: [emulator.url],
			smokeTestDriver: false,
			ownProcessGroup: true,
		});
	} catch (error) {
		await emulator.close();
		throw error;
	}
	let stopping: Promise<void> | undefined;
	return {
		emulator, server,
		url: server.workbenchUrl(),
		workspaceDir: server.workspaceDir,
		stop() {
			stopping ??= server.stop().finally(() => emulator.close());
			return stopping;
		},
	};
}
