/**
 * Entry point that VS Code's browser web worker extension host loads as `extensionTestsPath` in the
 * web pass of test/host/runIntegration.ts: runs ./suites.ts with Mocha's browser build in the worker.
 * That host has no Node: the runner's values arrive as `process.env.*` constants substituted at build
 * time (test/host/buildForTests.ts), and the spec output and summary are written through
 * `vscode.workspace.fs` to the server's disk (the workspace's remote file system), where the runner reads them.
 */
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { hostInfo } from '../hostInfo';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const SummaryReporter = require('../../host/summaryReporter.cjs') as typeof Mocha.reporters.Base;

/** Tests that need Node's file system; the Node pass runs them. Listed in the output, never silently dropped. */
const NODE_HOST_ONLY: readonly { title: RegExp; reason: string }[] = [
	{ title: /refuses a 200 MB image from its size, before reading it$/, reason: 'makes a sparse 200 MB file with node:fs ftruncate' },
];

export async function run(): Promise<void> {
	const root = vscode.workspace.workspaceFolders?.[0]?.uri;
	try {
		await runSuites();
	} catch (error) {
		// Never leave the runner waiting: a load error is a failed run.
		if (root && process.env.AIPASS_TEST_SUMMARY) {
			const failure = { title: 'web pass: loading the suites', message: error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error) };
			await vscode.workspace.fs.writeFile(root.with({ path: process.env.AIPASS_TEST_SUMMARY }), new TextEncoder().encode(JSON.stringify({ passed: 0, failed: 1, pending: 0, failures: [failure] })));
		}
		throw error;
	}
}

async function runSuites(): Promise<void> {
	const root = vscode.workspace.workspaceFolders?.[0]?.uri;
	if (root === undefined) {
		throw new Error('the web pass opens a workspace folder on the server');
	}
	const onServer = (file: string | undefined) => (file ? root.with({ path: file }) : undefined);
	const outputFile = onServer(process.env.AIPASS_TEST_OUTPUT);
	const summaryFile = onServer(process.env.AIPASS_TEST_SUMMARY);
	const lines: string[] = [];
	const base = Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void };
	base.consoleLog = (...args: unknown[]) => lines.push(format(args));

	let summary: unknown;
	const grep = process.env.AIPASS_TEST_GREP;
	const mocha = new Mocha({
		ui: 'bdd', timeout: 30_000, color: false, reporter: SummaryReporter,
		reporterOptions: { host: hostInfo(), onSummary: (value: unknown) => { summary = value; } },
		...(grep ? { grep } : {}),
	});
	mocha.suite.emit('pre-require', globalThis, 'web-suites', mocha);
	await import('./suites');
	for (const dropped of dropNodeOnly(mocha.suite)) {
		lines.push(`not run in the web worker host (the Node pass runs it): ${dropped}`);
	}
	await new Promise<void>(resolve => mocha.run(() => resolve()));
	const encoder = new TextEncoder();
	if (outputFile) {
		await vscode.workspace.fs.writeFile(outputFile, encoder.encode(lines.join('\n') + '\n'));
	}
	if (summaryFile) {
		await vscode.workspace.fs.writeFile(summaryFile, encoder.encode(JSON.stringify(summary ?? { passed: 0, failed: 1, pending: 0, failures: [{ title: 'web pass', message: 'mocha reported no summary' }] }, null, 2)));
	}
}

function dropNodeOnly(suite: Mocha.Suite): string[] {
	const dropped: string[] = [];
	const entry = (test: Mocha.Test) => NODE_HOST_ONLY.find(candidate => candidate.title.test(test.fullTitle()));
	for (const test of suite.tests) {
		const match = entry(test);
		if (match) {
			dropped.push(`${test.fullTitle()} (${match.reason})`);
		}
	}
	suite.tests = suite.tests.filter(test => entry(test) === undefined);
	for (const child of suite.suites) {
		dropped.push(...dropNodeOnly(child));
	}
	return dropped;
}

/** Node's `util.format` for the few directives Mocha's reporters use (%s, %d, %j). */
function format(args: readonly unknown[]): string {
	const [first, ...rest] = args;
	if (typeof first !== 'string') {
		return args.map(String).join(' ');
	}
	let index = 0;
	const text = first.replace(/%[sdj%]/g, directive => {
		if (directive === '%%') {
			return '%';
		}
		const value = rest[index++];
		return directive === '%j' ? JSON.stringify(value) : String(value);
	});
	return [text, ...rest.slice(index).map(String)].join(' ');
}
