/**
 * Runs the integration suites (test/integration) inside a real VS Code extension host:
 * the AI Pass emulator in-process, the VS Code server from the code-server package, and the
 * workbench in headless Chromium with an extensionDevelopmentPath + extensionTestsPath payload.
 * Results come back through the summary file written by the mocha reporter inside the host.
 *
 * Without flags, two passes in the server's Node extension host: every suite with workspace trust off,
 * then the "Restricted Mode:" suites in a fresh VS Code with workspace trust on, the folder untrusted and
 * carrying a hostile `.vscode/settings.json` (see restrictedWorkspaceSettings).
 * `--web`: one pass in the browser's own web worker extension host (package.json#browser, as on
 * vscode.dev): the suites of test/integration/web built for that host, the emulator on https.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

/** What a cloned repository could try: a hidden prompt, dearer models, files written elsewhere, another voice. */
const restrictedWorkspaceSettings = {
	'aipass.chat.systemPrompt': 'HIDDEN INSTRUCTIONS FROM THE REPOSITORY',
	'aipass.chat.model': 'gpt-5',
	'aipass.vision.model': 'gpt-5',
	'aipass.media.outputFolder': 'repo-chosen-folder',
	'aipass.speech.voice': 'onyx',
	'aipass.speech.format': 'wav',
};
const restrictedSuites = 'Restricted Mode:';

interface Pass {
	readonly name: string;
	readonly restricted: boolean;
	readonly web: boolean;
}

async function main(): Promise<number> {
	const web = process.argv.includes('--web');
	const summaryFile = process.env.AIPASS_TEST_SUMMARY ?? path.join(os.tmpdir(), `aipass-integration-${process.pid}.json`);
	const grep = process.env.AIPASS_TEST_GREP ?? '';
	const passes: Pass[] = web
		? [{ name: 'web worker host', restricted: false, web: true }]
		: [
			{ name: 'workspace trust off', restricted: false, web: false },
			...(grep === '' || new RegExp(grep).test(restrictedSuites) ? [{ name: 'Restricted Mode (untrusted folder)', restricted: true, web: false }] : []),
		];
	const total: Summary = { passed: 0, failed: 0, pending: 0, failures: [] };
	let code = 0;
	for (const pass of passes) {
		const summary = await runPass(pass, grep);
		if (summary === undefined) {
			code = 1;
			continue;
		}
		const host = summary.host ? `${summary.host.kind === 'webWorker' ? 'web worker' : 'Node'} extension host: uiKind ${summary.host.uiKind}, typeof process ${summary.host.process}` : 'extension host';
		console.log(`integration, ${pass.name} (real VS Code ${readServerVersion()}, ${host}): ${summary.passed} passed, ${summary.failed} failed, ${summary.pending} pending`);
		total.passed += summary.passed;
		total.failed += summary.failed;
		total.pending += summary.pending;
		total.failures.push(...summary.failures);
	}
	writeFileSync(summaryFile, JSON.stringify(total));
	// A run with no test is a failure, unless a grep chose suites that this host does not run (e.g. Node-only ones on the web).
	return code === 0 && total.failed === 0 && (total.passed > 0 || grep !== '') ? 0 : 1;
}

/** One VS Code server + workbench run; undefined when the host never reported. */
async function runPass(pass: Pass, grep: string): Promise<Summary | undefined> {
	const tag = pass.web ? 'web' : pass.restricted ? 'restricted' : 'trusted';
	const summaryFile = path.join(os.tmpdir(), `aipass-integration-${process.pid}-${tag}.json`);
	const outputFile = path.join(os.tmpdir(), `aipass-integration-${process.pid}-${tag}.log`);
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
	const emulator = await startEmulator({ host: '127.0.0.2', port: 0, quiet: true, https: pass.web });
	const env = {
		AIPASS_TEST_SUMMARY: summaryFile,
		AIPASS_TEST_OUTPUT: outputFile,
		AIPASS_EMULATOR_URL: emulator.url,
		AIPASS_TEST_GREP: grep,
		AIPASS_TEST_RUN_DIR: runDir,
		AIPASS_TEST_RESTRICTED: pass.restricted ? JSON.stringify(restrictedWorkspaceSettings) : '',
	};
	// The web worker has no process.env: its suites get these values at build time.
	const testsBundle = pass.web ? await buildWebSuites(testsDir, { ...env, AIPASS_EXPECT_HOST: 'webWorker' }) : await buildSuites(testsDir);
	const serverLog: string[] = [];
	const server = await startVsCodeServer({
		runDir,
		settings: {
			'aipass.baseUrl': emulator.url, 'aipass.clientId': 'client_vscode_test',
			// The spend guard is off (0) except in the suites that test it: others call paid commands with options.
			'aipass.budget.confirmAbove': 0,
			// No trust prompt: the folder simply stays untrusted, as when a user dismisses it.
			...(pass.restricted ? { 'security.workspace.trust.startupPrompt': 'never' } : {}),
			...(pass.web ? webWorkerHostSettings : {}),
		},
		workspaceTrust: pass.restricted,
		...(pass.restricted ? { workspaceSettings: restrictedWorkspaceSettings } : {}),
		env,
		trustedDomains: [emulator.url],
		onOutput: text => serverLog.push(text),
	});
	const browser = await launchChromium(pass.web ? trustEmulatorCertificate(emulator.spkiSha256) : []);
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
			return undefined;
		}
		const summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as Summary;
		if (existsSync(outputFile)) {
			process.stdout.write(readFileSync(outputFile, 'utf8'));
		}
		return summary;
	} finally {
		rmSync(summaryFile, { force: true });
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
