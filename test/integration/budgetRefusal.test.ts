import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Budget } from '../../src/budget/registerBudget';
import { admin, extensionApi, signOutEverywhere, waitFor } from './helpers';

async function budget(): Promise<Budget> {
	const { testing } = await extensionApi();
	assert.ok(testing.budget, 'the extension exposes its budget feature in test mode');
	return testing.budget;
}

describe('budget: a usage summary with success:false', function () {
	this.timeout(60_000);

	beforeEach(async () => {
		const b = await budget();
		(await extensionApi()).testing.setWindowFocus(undefined);
		await admin().reset();
		await signOutEverywhere();
		await waitFor('the signed-out state', () => b.state === 'signedOut' || undefined);
	});

	after(async () => {
		(await extensionApi()).testing.setWindowFocus(false);
		await signOutEverywhere();
	});

	it('shows the server\'s message as plain text: no Markdown, no command link', async () => {
		const b = await budget();
		const { testing } = await extensionApi();
		await admin().setConfig({ autoApprove: 'allow' });
		await testing.authProvider.createSession([]);
		await waitFor('the first figures', () => b.view.text === '$(credit-card) $7.55' || undefined);
		await b.settled();
		const hostile = 'Wallet [suspended](command:aipass.signOut) **now** $(error)';
		await admin().fault({ kind: 'summaryUnsuccessful', message: hostile });
		await vscode.commands.executeCommand('aipass.budget.refresh');
		assert.equal(b.state, 'stale');
		const tooltip = b.view.tooltip.value;
		assert.ok(tooltip.includes('Wallet \\[suspended\\]\\(command:aipass\\.signOut\\) \\*\\*now\\*\\* \\$\\(error\\)'), tooltip);
		assert.ok(!tooltip.includes('](command:aipass.signOut)'), 'no command link built from the server\'s text');
	});
});
