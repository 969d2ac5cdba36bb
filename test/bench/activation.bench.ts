/**
 * Activation time of the extension in the real VS Code (web) host, read from VS Code's own
 * "Running Extensions" view, next to the built-in GitHub Authentication extension measured in the same
 * workbench (a comparable auth-provider extension) as a yardstick.
 */
import { openWorkbench } from '../host/workbench';

export interface ActivationFigures {
	ours: number[];
	reference: number[];
	/** The same measurement of another build of the extension (AIPASS_BENCH_BASELINE), interleaved round by round, with its own reference. */
	baseline?: { ours: number[]; reference: number[] };
}

const oursLabel = /aipass\.aipass-vscode|^AI Pass/;
const referenceLabel = /^GitHub Authentication/;

/**
 * `baselinePath`: a folder holding another production build of the extension (e.g. `git archive` of the
 * previous commit, built with `node esbuild.mjs --production`), measured in its own fresh workbench right
 * after each of ours, so both see the same machine load.
 */
export async function runActivationBench(rounds = 3, baselinePath?: string): Promise<ActivationFigures> {
	const figures: ActivationFigures = { ours: [], reference: [], ...(baselinePath ? { baseline: { ours: [], reference: [] } } : {}) };
	for (let round = 0; round < rounds; round++) {
		const measured = await measureOnce();
		figures.ours.push(measured.ours);
		figures.reference.push(measured.reference);
		if (baselinePath) {
			const baseline = await measureOnce(baselinePath);
			figures.baseline?.ours.push(baseline.ours);
			figures.baseline?.reference.push(baseline.reference);
		}
	}
	return figures;
}

async function measureOnce(extensionPath?: string): Promise<{ ours: number; reference: number }> {
	const workbench = await openWorkbench(extensionPath ? { extensionPath } : {});
	try {
		await workbench.page.setViewportSize({ width: 1400, height: 2400 });
		await workbench.runCommand('Developer: Show Running Extensions');
		const rows = workbench.page.locator('.runtime-extensions-editor .monaco-list-row');
		await rows.first().waitFor({ timeout: 30_000 });
		const deadline = Date.now() + 30_000;
		let found: { ours?: number; reference?: number } = {};
		while (Date.now() < deadline && (found.ours === undefined || found.reference === undefined)) {
			found = {};
			for (const text of await rows.allTextContents()) {
				const ms = /Activation:\s*(\d+)\s*ms/i.exec(text)?.[1];
				if (ms !== undefined && oursLabel.test(text.trim())) {
					found.ours = Number(ms);
				} else if (ms !== undefined && referenceLabel.test(text.trim())) {
					found.reference = Number(ms);
				}
			}
			await workbench.page.waitForTimeout(250);
		}
		if (found.ours === undefined || found.reference === undefined) {
			throw new Error('the Running Extensions view did not list both extensions');
		}
		return { ours: found.ours, reference: found.reference };
	} finally {
		await workbench.close();
	}
}
