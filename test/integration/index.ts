/**
 * Entry point that VS Code's extension host loads as `extensionTestsPath`: runs the mocha suites
 * (bundled in suites.js) in the real host with the real `vscode` API. Spec output goes to
 * AIPASS_TEST_OUTPUT and the summary to AIPASS_TEST_SUMMARY, which test/host/runIntegration.ts reads.
 * The desktop path (.vscode-test.mjs, @vscode/test-cli) loads suites.js with its own mocha instead.
 */
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';
import { hostInfo } from './hostInfo';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const SummaryReporter = require('../host/summaryReporter.cjs') as typeof Mocha.reporters.Base;

export async function run(): Promise<void> {
	const outputFile = process.env.AIPASS_TEST_OUTPUT;
	if (outputFile) {
		const base = Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void };
		base.consoleLog = (...args: unknown[]) => appendFileSync(outputFile, format(...args) + '\n');
	}
	// The Restricted Mode pass (untrusted folder, see runIntegration.ts) runs only the suites made for it.
	const grep = process.env.AIPASS_TEST_RESTRICTED ? '^Restricted Mode:' : process.env.AIPASS_TEST_GREP;
	const mocha = new Mocha({ ui: 'bdd', timeout: 30_000, color: false, reporter: SummaryReporter, reporterOptions: { host: hostInfo() }, ...(grep ? { grep } : {}) });
	mocha.addFile(path.join(__dirname, 'suites.js'));
	await mocha.loadFilesAsync();
	await new Promise<void>(resolve => mocha.run(() => resolve()));
}
