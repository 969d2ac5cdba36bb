// The standard desktop path (@vscode/test-cli + @vscode/test-electron) for machines with internet access:
// `npx vscode-test` downloads VS Code and runs the same integration suites as test/host/runIntegration.ts.
// Start the emulator first (`npm run emulator`) and build the suites (`node esbuild.mjs --tests`).
import { defineConfig } from '@vscode/test-cli';

export default defineConfig({
	files: 'out/test/integration/suites.js',
	version: '1.104.0',
	launchArgs: ['--disable-extensions'],
	env: {
		AIPASS_EMULATOR_URL: process.env.AIPASS_EMULATOR_URL ?? 'http://127.0.0.1:8787',
	},
	mocha: { timeout: 30000 },
});
