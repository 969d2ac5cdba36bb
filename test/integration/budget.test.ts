import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { BudgetController, budgetCacheKey } from '../../src/budget/budgetController';
import { formatUsd } from '../../src/platform/costFormat';
import type { Budget } from '../../src/budget/registerBudget';
import type { Logger } from '../../src/platform/log';
import { admin, emulatorUrl, extensionApi, isSettled, signOutEverywhere, waitFor } from './helpers';

const summaryPath = '/usage/me/summary';
const quietLog: Logger = { trace() {}, info() {}, warn() {}, error() {}, child() { return quietLog; } };

async function budget(): Promise<Budget> {
	const { testing } = await extensionApi();
	assert.ok(testing.budget, 'the extension exposes its budget feature in test mode');
	return testing.budget;
}

async function summaryRequests(): Promise<number> {
	return (await admin().requests({ path: summaryPath })).length;
}

async function signIn(): Promise<void> {
	const { testing } = await extensionApi();
	await admin().setConfig({ autoApprove: 'allow' });
	await testing.authProvider.createSession([]);
}

/** Waits until the status bar item shows `text`. */
async function shows(b: Budget, text: string): Promise<void> {
	await waitFor(`the status bar to show "${text}" (it shows "${b.view.text}")`, () => b.view.text === text || undefined);
}

async function paidChat(): Promise<void> {
	const { testing } = await extensionApi();
	await testing.client.chat({ model: 'gpt-5-mini', messages: [{ role: 'user', content: 'What does this cost?' }] });
}

describe('budget status bar (real host, emulator)', function () {
	this.timeout(60_000);

	beforeEach(async () => {
		const b = await budget();
		(await extensionApi()).testing.setWindowFocus(undefined); // the workbench's own focus state (the headless page is focused)
		await admin().reset();
		await signOutEverywhere();
		await waitFor('the signed-out state', () => b.state === 'signedOut' || undefined);
		await admin().clearRequests();
	});

	after(async () => {
		(await extensionApi()).testing.setWindowFocus(false); // paused again, as other suites expect
		await signOutEverywhere();
	});

	it('shows the remaining budget from the service, with spent / max / bar / age in the tooltip, and caches it without a token', async () => {
		assert.equal(vscode.window.state.focused, true, 'the headless workbench reports a focused window');
		const b = await budget();
		await signIn();
		await shows(b, '$(credit-card) $7.55');
		assert.equal(b.state, 'ok');
		assert.equal(b.view.background, undefined);
		assert.equal(b.view.command, 'aipass.budget.showDetails');
		const tooltip = b.view.tooltip.value;
		for (const part of ['Remaining: **$7.55**', 'Spent: $2.45', 'Budget: $10.00', '`███████▌░░` 76 % left', 'Updated just now', 'ada@example\\.com', '(command:aipass.budget.refresh)', `(${emulatorUrl()}/panel/dashboard)`]) {
			assert.ok(tooltip.includes(part), `tooltip has ${part}: ${tooltip}`);
		}
		await b.settled();
		assert.equal(await summaryRequests(), 1, 'one request at sign-in');
		const { testing } = await extensionApi();
		const cached = testing.context.globalState.get<Record<string, unknown>>(budgetCacheKey);
		assert.deepEqual(Object.keys(cached ?? {}).sort(), ['accountId', 'baseUrl', 'fetchedAt', 'max', 'remaining', 'spent']);
		assert.deepEqual({ ...cached, fetchedAt: 0 }, { remaining: 7.55, max: 10, spent: 2.45, fetchedAt: 0, accountId: 'u_ada', baseUrl: emulatorUrl() });
	});

	it('drops after a paid call, with one summary request shortly after it', async () => {
		const b = await budget();
		await signIn();
		await shows(b, '$(credit-card) $7.55');
		await b.settled();
		await admin().clearRequests();
		await paidChat();
		const remaining = (await admin().getBudget()).remainingBudget;
		assert.ok(remaining < 7.55);
		await waitFor('the debited figure', () => b.snapshot.figures?.remaining === remaining || undefined);
		assert.equal(b.view.text, `$(credit-card) ${formatUsd(remaining)}`);
		await b.settled();
		assert.equal(await summaryRequests(), 1);
	});

	it('turns to the warning colour when low and the error colour when exhausted', async () => {
		const b = await budget();
		await signIn();
		await shows(b, '$(credit-card) $7.55');
		await admin().setBudget({ totalCost: 9.5 });
		await b.refresh();
		assert.deepEqual([b.view.text, b.state, b.view.background], ['$(credit-card) $0.50', 'low', 'statusBarItem.warningBackground']);
		assert.ok(b.view.tooltip.value.includes('running low'));
		await admin().setBudget({ maxBudget: 100, totalCost: 95 });
		await b.refresh();
		assert.deepEqual([b.view.text, b.state, b.view.background], ['$(credit-card) $5.00', 'low', 'statusBarItem.warningBackground'], 'under 10 % of the maximum');
		await admin().setBudget({ maxBudget: 10, totalCost: 10 });
		await b.refresh();
		assert.deepEqual([b.view.text, b.state, b.view.background], ['$(credit-card) $0.00', 'exhausted', 'statusBarItem.errorBackground']);
		assert.ok(b.view.tooltip.value.includes('used up'));
		await assert.rejects(paidChat(), (e: Error) => e.name === 'BudgetExhaustedError');
	});

	it('shows exhausted at once when another feature reports a 402, until a summary says otherwise', async () => {
		const b = await budget();
		await signIn();
		await shows(b, '$(credit-card) $7.55');
		await b.settled();
		b.noteBudgetExhausted();
		assert.deepEqual([b.state, b.view.background], ['exhausted', 'statusBarItem.errorBackground']);
		await waitFor('the summary read after the 402', () => b.state === 'ok' || undefined);
		assert.equal(await summaryRequests(), 2);
	});

	it('offers sign-in when signed out, and sends nothing', async () => {
		const b = await budget();
		await signIn();
		await shows(b, '$(credit-card) $7.55');
		await signOutEverywhere();
		await shows(b, '$(account) Sign in to AI Pass');
		assert.deepEqual([b.state, b.view.command, b.view.background], ['signedOut', 'aipass.signIn', undefined]);
		const { testing } = await extensionApi();
		assert.equal(testing.context.globalState.get(budgetCacheKey), undefined, 'the signed-out account\'s figures are forgotten');
		await admin().clearRequests();
		await b.refresh();
		assert.equal(b.schedule.nextFetch, undefined);
		assert.equal(await summaryRequests(), 0);
	});

	it('keeps the last value, marked stale, when the service fails, and recovers on the next refresh', async () => {
		const b = await budget();
		await signIn();
		await shows(b, '$(credit-card) $7.55');
		await b.settled();
		await admin().fault({ kind: 'serverError', path: summaryPath });
		await vscode.commands.executeCommand('aipass.budget.refresh');
		assert.deepEqual([b.view.text, b.state], ['$(warning) $7.55', 'stale']);
		const tooltip = b.view.tooltip.value;
		assert.ok(tooltip.includes('Could not refresh the budget') && tooltip.includes('temporary problem') && tooltip.includes('The amount shown is from just now'), tooltip);
		const schedule = b.schedule;
		assert.equal(schedule.nextFetch?.reason, 'retry');
		assert.equal(schedule.nextFetch.at - (schedule.lastFetchAt ?? NaN), 30_000, 'the first retry comes after 30 s');
		await vscode.commands.executeCommand('aipass.budget.refresh');
		assert.deepEqual([b.view.text, b.state], ['$(credit-card) $7.55', 'ok']);
	});

	it('says offline when AI Pass cannot be reached, keeping the last value', async () => {
		const b = await budget();
		await signIn();
		await shows(b, '$(credit-card) $7.55');
		await b.settled();
		// Unreachable for every attempt of this refresh: a browser (the web worker host) resends a request
		// by itself when a connection closes unanswered, so one dropped connection is not "offline" there.
		await admin().fault({ kind: 'dropConnection', path: summaryPath, times: 20 });
		await b.refresh();
		await admin().clearFaults();
		assert.deepEqual([b.view.text, b.state], ['$(debug-disconnect) $7.55', 'offline']);
		assert.ok(b.view.tooltip.value.includes('Offline'), b.view.tooltip.value);
	});

	it('a 401 on the summary (after the client\'s one refresh) does not sign the user out', async () => {
		const b = await budget();
		await signIn();
		await shows(b, '$(credit-card) $7.55');
		await b.settled();
		await admin().clearRequests();
		await admin().fault({ kind: 'unauthorized', path: summaryPath, times: 2 });
		await b.refresh();
		assert.equal(b.state, 'stale');
		const { testing } = await extensionApi();
		assert.equal((await testing.authProvider.getSessions()).length, 1, 'still signed in');
		const refreshes = (await admin().requests({ path: '/oauth2/token' })).filter(e => (e.body as Record<string, unknown> | null)?.grantType === 'refresh_token');
		assert.equal(refreshes.length, 1, 'the client refreshed once');
		await b.refresh();
		assert.equal(b.state, 'ok');
	});

	it('sends no request while the window is unfocused, and catches up when focus returns', async () => {
		const b = await budget();
		await signIn();
		await shows(b, '$(credit-card) $7.55');
		await b.settled();
		(await extensionApi()).testing.setWindowFocus(false);
		await admin().clearRequests();
		await paidChat();
		assert.equal(b.schedule.waitingForFocus, true, 'the paid request is noted');
		assert.equal(b.schedule.nextFetch, undefined, 'no timer is armed while unfocused');
		assert.equal(await summaryRequests(), 0);
		(await extensionApi()).testing.setWindowFocus(true);
		const remaining = (await admin().getBudget()).remainingBudget;
		await waitFor('the debited figure', () => b.snapshot.figures?.remaining === remaining || undefined);
		await b.settled();
		assert.equal(await summaryRequests(), 1);
	});

	it('applies setting changes at once', async () => {
		const b = await budget();
		const config = vscode.workspace.getConfiguration('aipass');
		await signIn();
		await shows(b, '$(credit-card) $7.55');
		await b.settled();
		try {
			await config.update('budget.pollIntervalMinutes', 1, vscode.ConfigurationTarget.Global);
			await waitFor('the new interval', () => b.schedule.intervalMs === 60_000 || undefined);
			const schedule = b.schedule;
			assert.equal(schedule.nextFetch?.reason, 'poll');
			assert.equal(schedule.nextFetch.at - (schedule.lastFetchAt ?? NaN), 60_000);
			await config.update('budget.warnBelow', 8, vscode.ConfigurationTarget.Global);
			await waitFor('the low state under the new threshold', () => b.state === 'low' || undefined);
			assert.equal(b.view.background, 'statusBarItem.warningBackground');
		} finally {
			await config.update('budget.pollIntervalMinutes', undefined, vscode.ConfigurationTarget.Global);
			await config.update('budget.warnBelow', undefined, vscode.ConfigurationTarget.Global);
		}
		await waitFor('the default interval again', () => b.schedule.intervalMs === 5 * 60_000 || undefined);
	});

	it('shows the cached value at once after a reload, marked as cached until refreshed', async () => {
		const b = await budget();
		await signIn();
		await shows(b, '$(credit-card) $7.55');
		await b.settled();
		await admin().clearRequests();
		const { testing } = await extensionApi();
		// A second controller on the same globalState plays the next window session.
		const reloaded = new BudgetController({
			auth: testing.authProvider,
			fetchSummary: signal => testing.client.usageSummary(signal),
			globalState: testing.context.globalState,
			baseUrl: () => emulatorUrl(),
			intervalMs: 5 * 60_000,
			focused: false,
			log: quietLog,
		});
		try {
			assert.deepEqual([reloaded.snapshot.figures?.remaining, reloaded.snapshot.fromCache, reloaded.snapshot.signedIn], [7.55, true, undefined], 'before the session is even read');
			await reloaded.settled();
			assert.deepEqual([reloaded.snapshot.fromCache, reloaded.snapshot.signedIn], [true, true], 'still the cached figure while unfocused');
			assert.equal(await summaryRequests(), 0);
			reloaded.setFocused(true);
			await waitFor('the refresh after focus', () => reloaded.snapshot.fromCache === false || undefined);
			assert.equal(reloaded.snapshot.figures?.remaining, 7.55);
			assert.equal(await summaryRequests(), 1);
		} finally {
			reloaded.dispose();
		}
	});

	it('drops a cached value that belongs to another account', async () => {
		const { testing } = await extensionApi();
		await signIn();
		await testing.context.globalState.update(budgetCacheKey, { remaining: 1.23, max: 5, spent: 3.77, fetchedAt: Date.now(), accountId: 'u_grace', baseUrl: emulatorUrl() });
		const reloaded = new BudgetController({
			auth: testing.authProvider,
			fetchSummary: signal => testing.client.usageSummary(signal),
			globalState: testing.context.globalState,
			baseUrl: () => emulatorUrl(),
			intervalMs: 5 * 60_000,
			focused: false,
			log: quietLog,
		});
		try {
			assert.equal(reloaded.snapshot.figures?.remaining, 1.23);
			await reloaded.settled();
			assert.deepEqual([reloaded.snapshot.figures, reloaded.snapshot.signedIn], [undefined, true], 'Grace\'s figures are not shown to Ada');
		} finally {
			reloaded.dispose();
		}
	});

	it('details: the figures in the title, and Refresh / Top up / Show Usage / Open Chat / Sign Out as actions', async () => {
		const b = await budget();
		await signIn();
		await shows(b, '$(credit-card) $7.55');
		await b.settled();
		const details = b.details(false);
		assert.equal(details.title, 'AI Pass Budget: $7.55 left of $10.00 ($2.45 spent)');
		assert.deepEqual(details.items.map(i => i.id), ['refresh', 'topUp', 'showUsage', 'signOut']);
		assert.equal(details.items[1].detail, `${emulatorUrl()}/panel/dashboard`);
		assert.deepEqual(b.details(true).items.map(i => i.id), ['refresh', 'topUp', 'showUsage', 'openChat', 'signOut']);
		// The real quick pick: accept its first item (Refresh), which fetches again.
		await admin().clearRequests();
		const shown = Promise.resolve(vscode.commands.executeCommand<string | undefined>('aipass.budget.showDetails'));
		await waitFor('the quick pick to be accepted', async () => {
			await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
			return (await isSettled(shown)) || undefined;
		});
		assert.equal(await shown, 'refresh');
		await b.settled();
		assert.equal(await summaryRequests(), 1);
		await signOutEverywhere();
		await waitFor('signed out', () => b.state === 'signedOut' || undefined);
		assert.deepEqual(b.details(true).items.map(i => i.id), ['signIn', 'topUp']);
	});
});
