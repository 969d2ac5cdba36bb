/**
 * Runs the integration suites (test/integration) inside a real VS Code extension host:
 * the AI Pass emulator in-process, the VS Code server from the code-server package, and the
 * workbench in headless Chromium with an extensionDevelopmentPath + extensionTestsPath payload.
 * Results come back through the summary file written by the mocha reporter inside the host.
 *
 * `--web`: the same in the browser's own web worker extension host (package.json#browser, as on
 * vscode.dev): the suites of test/integration/web built for that host, the emulator on https.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator } from '../emulator/server';
import { launchChromium } from './browser';
import { projectRoot } from './hostPaths';
import { buildExtension, buildSuites, buildWebSuites } from './buildForTests';
import { startVsCodeServer } from './vscodeServer';
import { trustEmulatorCertificate, webWorkerHostSettings } from './webWorkerHost';

interface Summary {
	passed: number;
	failed: number;
	pending: number;
	failures: { title: string; message: string }[];
	host?: { kind: string; uiKind: string; process: string };
}

async function main(): Promise<number> {
	const web = process.argv.includes('--web');
	const summaryFile = process.env.AIPASS_TEST_SUMMARY ?? path.join(os.tmpdir(), `aipass-integration-${process.pid}.json`);
	const outputFile = path.join(os.tmpdir(), `aipass-integration-${process.pid}${web ? '-web' : ''}.log`);
	rmSync(summaryFile, { force: true });
	rmSync(outputFile, { force: true });
	const runDir = mkdtempSync(path.join(os.tmpdir(), 'aipass-host-'));
	// The extension and the suites are built for this run (suites into the run's own folder, so
	// concurrent runs never load each other's half-written bundles).
	// (inside the project so that `require('mocha')` resolves from its node_modules).
	const testsDir = path.join(projectRoot, 'out', 'test-runs', path.basename(runDir));
	// 127.0.0.2, not 127.0.0.1: the web workbench rewrites 127.0.0.1/localhost links through its port
	// forwarding proxy, which this server build does not serve (see shared/vscode-host.md).
	await buildExtension();
	const emulator = await startEmulator({ host: '127.0.0.2', port: 0, quiet: true, https: web });
	const env = {
		AIPASS_TEST_SUMMARY: summaryFile,
		AIPASS_TEST_OUTPUT: outputFile,
		AIPASS_EMULATOR_URL: emulator.url,
		AIPASS_TEST_GREP: process.env.AIPASS_TEST_GREP ?? '',
		AIPASS_TEST_RUN_DIR: runDir,
	};
	// The web worker has no process.env: its suites get these values at build time.
	const testsBundle = web ? await buildWebSuites(testsDir, { ...env, AIPASS_EXPECT_HOST: 'webWorker' }) : await buildSuites(testsDir);
	const serverLog: string[] = [];
	const server = await startVsCodeServer({
		runDir,
		settings: { 'aipass.baseUrl': emulator.url, 'aipass.clientId': 'client_vscode_test', ...(web ? webWorkerHostSettings : {}) },
		env,
		trustedDomains: [emulator.url],
		onOutput: text => serverLog.push(text),
	});
	const browser = await launchChromium(web ? trustEmulatorCertificate(emulator.spkiSha256) : []);
	try {
		const page = await browser.newPage();
		page.on('console', message => {
			if (process.env.AIPASS_TEST_VERBOSE) {
				console.log(`[workbench] ${message.text()}`);
			}
		});
		await page.goto(server.workbenchUrl({ extensionDevelopmentPath: projectRoot, extensionTestsPath: testsBundle }));
		const deadline = Date.now() + Number(process.env.AIPASS_TEST_TIMEOUT_MS ?? 15 * 60_000);
		while (!existsSync(summaryFile) && Date.now() < deadline) {
			await new Promise(resolve => setTimeout(resolve, 250));
		}
		if (!existsSync(summaryFile)) {
			console.error('The extension host never reported results. Server output:\n' + serverLog.join(''));
			return 1;
		}
		const summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as Summary;
		if (existsSync(outputFile)) {
			process.stdout.write(readFileSync(outputFile, 'utf8'));
		}
		const host = summary.host ? `${summary.host.kind === 'webWorker' ? 'web worker' : 'Node'} extension host: uiKind ${summary.host.uiKind}, typeof process ${summary.host.process}` : 'extension host';
		console.log(`integration (real VS Code ${readServerVersion()}, ${host}): ${summary.passed} passed, ${summary.failed} failed, ${summary.pending} pending`);
		return summary.failed === 0 && summary.passed > 0 ? 0 : 1;
	} finally {
		await browser.close();
		await server.stop();
		await emulator.close();
		if (!process.env.AIPASS_KEEP_RUN_DIR) {
			rmSync(runDir, { recursive: true, force: true });
			rmSync(testsDir, { recursive: true, force: true });
		}
	}
}

function readServerVersion(): string {
	try {
		const pkg = JSON.parse(readFileSync(path.join(projectRoot, '.vscode-test', 'code-server', 'node_modules', 'code-server', 'lib', 'vscode', 'package.json'), 'utf8')) as { version?: string };
		return pkg.version ?? '?';
	} catch {
		return '?';
	}
}

main().then(code => { process.exitCode = code; }, error => {
	console.error(error);
	process.exitCode = 1;
});
