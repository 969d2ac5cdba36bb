// Mocha reporter: the usual spec output, plus a JSON summary for scripts/test.mjs
// (written to the file named by AIPASS_TEST_SUMMARY, when set). Works in plain Node and in the extension host.
// reporterOptions: `summaryFile`; `host` (recorded in the summary: which extension host ran the suites);
// `onSummary` (receives the summary instead of a file: the web worker host has no node:fs).
'use strict';
const fs = require('node:fs');
const Mocha = require('mocha');

const { Spec } = Mocha.reporters;
const { EVENT_RUN_END, EVENT_TEST_FAIL, EVENT_TEST_PASS, EVENT_TEST_PENDING } = Mocha.Runner.constants;

class SummaryReporter extends Spec {
	constructor(runner, options) {
		super(runner, options);
		const reporterOptions = (options && options.reporterOptions) || {};
		const summary = { passed: 0, failed: 0, pending: 0, failures: [], ...(reporterOptions.host ? { host: reporterOptions.host } : {}) };
		runner.on(EVENT_TEST_PASS, () => { summary.passed++; });
		runner.on(EVENT_TEST_PENDING, () => { summary.pending++; });
		runner.on(EVENT_TEST_FAIL, (test, err) => {
			summary.failed++;
			summary.failures.push({ title: test.fullTitle(), message: String(err && err.message || err) });
		});
		runner.once(EVENT_RUN_END, () => {
			if (typeof reporterOptions.onSummary === 'function') {
				reporterOptions.onSummary(summary);
				return;
			}
			const file = reporterOptions.summaryFile || process.env.AIPASS_TEST_SUMMARY;
			if (file) {
				fs.writeFileSync(file, JSON.stringify(summary, null, 2));
			}
		});
	}
}

module.exports = SummaryReporter;
