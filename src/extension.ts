import * as vscode from 'vscode';
import { loadFeatures } from './activation/loadFeatures';
import { registerLazily } from './activation/lazyRegistrations';
import type { Features } from './features';
import { Commands } from './platform/commands';
import { type AiPassTestHooks, createTestHooks } from './testing/testHooks';

/** What `activate` returns. `testing` exists only when VS Code runs the extension's tests. */
export interface AiPassExtensionApi {
	readonly version: 1;
	readonly testing?: AiPassTestHooks;
}

/**
 * Registrations only: every feature is built on first use (src/features.ts, its own bundle in the Node
 * host). The budget status bar item must show at startup, so it is built right after activation.
 */
export function activate(context: vscode.ExtensionContext): AiPassExtensionApi {
	const channel = vscode.window.createOutputChannel('AI Pass', { log: true });
	context.subscriptions.push(channel);
	const test = context.extensionMode === vscode.ExtensionMode.Test ? createTestHooks(context, () => features()) : undefined;
	let built: Features | undefined;
	const features = (): Features => {
		if (built === undefined) {
			built = loadFeatures().createFeatures({ context, channel, ...(test ? { overrides: test.overrides } : {}) });
			connect(built);
		}
		return built;
	};
	const connect = registerLazily(context, features, { [Commands.showLog]: () => channel.show() });

	const startup = setTimeout(() => features().budget(), 0);
	context.subscriptions.push({ dispose: () => clearTimeout(startup) });
	return { version: 1, ...(test ? { testing: test.hooks } : {}) };
}

export function deactivate(): void {
	// Everything is disposed through context.subscriptions.
}
