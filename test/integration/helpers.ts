import * as vscode from 'vscode';
import { EmulatorAdmin } from '../emulator/adminClient';
import type { AiPassExtensionApi } from '../../src/extension';

export const extensionId = 'aipass.aipass-vscode';

export function emulatorUrl(): string {
	const url = process.env.AIPASS_EMULATOR_URL;
	if (!url) {
		throw new Error('AIPASS_EMULATOR_URL is not set');
	}
	return url;
}

export function admin(): EmulatorAdmin {
	return new EmulatorAdmin(emulatorUrl());
}

export async function extensionApi(): Promise<AiPassExtensionApi & { testing: NonNullable<AiPassExtensionApi['testing']> }> {
	const extension = vscode.extensions.getExtension<AiPassExtensionApi>(extensionId);
	if (!extension) {
		throw new Error(`${extensionId} is not installed`);
	}
	const api = await extension.activate();
	if (!api.testing) {
		throw new Error('the extension did not expose its testing API (not running in test mode?)');
	}
	return api as AiPassExtensionApi & { testing: NonNullable<AiPassExtensionApi['testing']> };
}

/**
 * Lands the browser on this window's callback URL with `query` appended, as a redirect from an
 * authorization server would (VS Code then hands the URI to the extension's UriHandler).
 */
export async function deliverCallback(query: string): Promise<void> {
	const callback = await vscode.env.asExternalUri(vscode.Uri.parse(`${vscode.env.uriScheme}://aipass.aipass-vscode/callback`));
	const target = callback.toString(true);
	const url = `${target}${target.includes('?') ? '&' : '?'}${query}`;
	await vscode.env.openExternal(admin().redirectUrl(url) as unknown as vscode.Uri);
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 15_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined && value !== false) {
			return value;
		}
		if (Date.now() > deadline) {
			throw new Error(`timed out waiting for ${what}`);
		}
		await new Promise(resolve => setTimeout(resolve, 50));
	}
}

/** Whether a promise has settled yet, without waiting for it. */
export async function isSettled(promise: Promise<unknown>): Promise<boolean> {
	const marker = Symbol('pending');
	const result = await Promise.race([promise.then(() => true, () => true), new Promise(resolve => setTimeout(() => resolve(marker), 20))]);
	return result !== marker;
}

export async function signOutEverywhere(): Promise<void> {
	const { testing } = await extensionApi();
	for (const session of await testing.authProvider.getSessions()) {
		await testing.authProvider.removeSession(session.id);
	}
}

/** Fresh emulator state, then signed in as Ada (consent auto-approved) with a fresh model catalog. */
export async function signInFresh(): Promise<void> {
	await admin().reset();
	await signOutEverywhere();
	await admin().setConfig({ autoApprove: 'allow' });
	const { testing } = await extensionApi();
	await testing.authProvider.createSession([]);
	testing.catalog.invalidate();
}
