#!/usr/bin/env node
// `npm test`: sets up what is missing, then typecheck, lint, unit, integration (real VS Code extension host)
// and e2e (real workbench in Chromium) tests. Ends with one summary line: "summary: N passed, N failed".
// `npm test -- unit integration` runs only the named tiers (typecheck, lint, unit, integration, e2e).
// `integration` runs twice: in the server's Node extension host, then in the browser's web worker
// extension host (package.json#browser, as on vscode.dev); `integration-web` names the second pass alone.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const allTiers = ['typecheck', 'lint', 'unit', 'integration', 'integration-web', 'e2e'];
const requested = process.argv.slice(2).filter(arg => allTiers.includes(arg));
const tiers = requested.length > 0 ? requested : allTiers;
if (tiers.includes('integration') && !tiers.includes('integration-web')) {
	tiers.push('integration-web');
}
const summaryDir = path.join(root, 'out', 'test-summaries');
mkdirSync(summaryDir, { recursive: true });

function run(command, args, env = {}) {
	const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
	return result.status === 0;
}

function heading(text) {
	console.log(`\n=== ${text} ===`);
}

// Setup: dependencies, then the cached real-host tools (Node 24, VS Code server, Chromium).
if (!existsSync(path.join(root, 'node_modules', '.package-lock.json'))) {
	heading('setup: npm ci');
	if (!run('npm', ['ci', '--no-audit', '--no-fund'])) {
		process.exit(1);
	}
}
if (tiers.some(tier => ['integration', 'integration-web', 'e2e'].includes(tier))) {
	heading('setup: real VS Code host');
	if (!run('bash', ['scripts/setupHost.sh'])) {
		console.log('summary: 0 passed, 1 failed');
		process.exit(1);
	}
}

const results = [];
const checks = { typecheck: ['npm', ['run', '--silent', 'typecheck']], lint: ['npm', ['run', '--silent', 'lint']] };
for (const tier of ['typecheck', 'lint']) {
	if (tiers.includes(tier)) {
		heading(tier);
		const ok = run(...checks[tier]);
		results.push({ tier, passed: ok ? 1 : 0, failed: ok ? 0 : 1, note: ok ? 'clean' : 'errors above' });
	}
}

if (tiers.some(tier => ['unit', 'integration', 'integration-web', 'e2e'].includes(tier))) {
	heading('build');
	if (!run('node', ['esbuild.mjs'])) {
		results.push({ tier: 'build', passed: 0, failed: 1, note: 'esbuild failed' });
	}
}

const suites = {
	unit: ['npx', ['mocha', '--reporter', './test/host/summaryReporter.cjs']],
	integration: ['npx', ['tsx', 'test/host/runIntegration.ts']],
	'integration-web': ['npx', ['tsx', 'test/host/runIntegration.ts', '--web']],
	e2e: ['npx', ['mocha', '--no-config', '--node-option', 'import=tsx', '--timeout', '240000', '--reporter', './test/host/summaryReporter.cjs', 'test/e2e/**/*.test.ts']],
};
for (const tier of ['unit', 'integration', 'integration-web', 'e2e']) {
	if (!tiers.includes(tier)) {
		continue;
	}
	heading(tier);
	const summaryFile = path.join(summaryDir, `${tier}.json`);
	rmSync(summaryFile, { force: true });
	const ok = run(...suites[tier], { AIPASS_TEST_SUMMARY: summaryFile });
	if (existsSync(summaryFile)) {
		const summary = JSON.parse(readFileSync(summaryFile, 'utf8'));
		const extraFailure = !ok && summary.failed === 0 ? 1 : 0;
		results.push({ tier, passed: summary.passed, failed: summary.failed + extraFailure, pending: summary.pending, failures: summary.failures });
	} else {
		results.push({ tier, passed: 0, failed: 1, note: 'the runner produced no results' });
	}
}

heading('results');
for (const r of results) {
	console.log(`${r.tier.padEnd(16)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(3)} failed${r.pending ? ` ${r.pending} pending` : ''}${r.note ? `  (${r.note})` : ''}`);
	for (const failure of r.failures ?? []) {
		console.log(`    ✗ ${failure.title}: ${failure.message.split('\n')[0]}`);
	}
}
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
const pending = results.reduce((n, r) => n + (r.pending ?? 0), 0);
console.log(`summary: ${passed} passed, ${failed} failed${pending ? `, ${pending} skipped` : ''}`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
