/**
 * Running the extension in the browser's own web worker extension host of the real VS Code web
 * workbench (what vscode.dev and github.dev do), as measured in 1.139.1 (see shared notes):
 * - the user setting `remote.extensionKind` = web moves it there (the payload's
 *   `extensionDevelopmentKind` is read but not applied), and the worker loads package.json#browser;
 * - the worker's CSP lets plain http reach only localhost/127.0.0.1, and the workbench proxies
 *   those, so the emulator serves https on 127.0.0.2 with a throwaway certificate that Chromium
 *   trusts by its public-key hash, and nothing else.
 */
export const webWorkerHostSettings: Record<string, unknown> = {
	'remote.extensionKind': { 'aipass.aipass-vscode': ['web'] },
};

/** Chromium flags that trust exactly the emulator's certificate (base64 SHA-256 of its SPKI). */
export function trustEmulatorCertificate(spkiSha256: string | undefined): string[] {
	if (!spkiSha256) {
		throw new Error('the web worker host needs the emulator on https (startEmulator({ https: true }))');
	}
	return [`--ignore-certificate-errors-spki-list=${spkiSha256}`];
}
