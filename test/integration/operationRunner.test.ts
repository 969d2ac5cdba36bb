import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AnalyzeImageResult } from '../../src/vision/analyzeOptions';
import { photo, pngOf } from '../unit/vision/fixtures';
import { admin, signInFresh, waitFor } from './helpers';
import { closeEditors, exhaustBudget, listFolder, outputFolder, recordFailures, removeIfPresent, routeRequests, signInForMedia, workspaceRoot } from './mediaHelpers';

/**
 * The operation runner as media commands and Analyze Image use it: each failure classified once into a
 * message and the button for the next step, pressed here in the real workbench (Retry) through
 * `notification.acceptPrimaryAction`, the command behind Ctrl+Shift+A on a notification.
 */

const generate = { prompt: 'a lighthouse', model: 'imagen-4-ultra', size: 'auto', n: 1 };

/** Presses the first button of the newest notification, as a person would. */
async function pressNotificationButton(): Promise<void> {
	await vscode.commands.executeCommand('notification.acceptPrimaryAction');
}

async function statuses(suffix: string): Promise<number[]> {
	return (await routeRequests(suffix)).map(entry => entry.status ?? 0);
}

describe('operation runner: media commands (aipass.image.generate)', function () {
	this.timeout(90_000);
	let recorder: Awaited<ReturnType<typeof recordFailures>>;

	beforeEach(async () => {
		await signInForMedia();
		await closeEditors();
		await vscode.commands.executeCommand('notifications.clearAll');
		await removeIfPresent(outputFolder());
		recorder = await recordFailures();
	});

	afterEach(() => recorder.dispose());

	it('402: the budget message with Top Up', async () => {
		await exhaustBudget();
		assert.equal(await vscode.commands.executeCommand('aipass.image.generate', generate), undefined);
		assert.deepEqual(recorder.failures.map(f => [f.kind, f.next, f.actions]), [['failed', 'topUp', ['Top Up']]]);
		assert.equal(recorder.failures[0].message, 'Your AI Pass budget is used up. Top up your wallet at AI Pass to continue.');
	});

	it('401 (also after a refresh): the session message with Sign In', async () => {
		await admin().fault({ kind: 'unauthorized', path: '/images/generations', times: 2 });
		assert.equal(await vscode.commands.executeCommand('aipass.image.generate', generate), undefined);
		assert.deepEqual(recorder.failures.map(f => [f.errorName, f.next, f.actions]), [['AuthExpiredError', 'signIn', ['Sign In']]]);
		assert.deepEqual(await statuses('/images/generations'), [401, 401]);
	});

	it('503: Retry is offered, and pressing it sends the request again, which succeeds and saves the image', async () => {
		await admin().fault({ kind: 'serverError', status: 503, path: '/images/generations' });
		assert.equal(await vscode.commands.executeCommand('aipass.image.generate', generate), undefined);
		assert.deepEqual(recorder.failures.map(f => [f.errorName, f.next, f.actions]), [['ServerError', 'retry', ['Retry']]]);
		assert.equal(recorder.failures[0].message, 'AI Pass is having a temporary problem. Try again in a moment.');
		assert.deepEqual(await listFolder(), [], 'nothing saved by the failed attempt');
		await pressNotificationButton();
		const saved = await waitFor('the retried image in the output folder', async () => ((await listFolder()).length === 1 ? await listFolder() : undefined), 45_000);
		assert.match(saved[0], /^a-lighthouse-\d{8}-\d{6}\.png$/);
		assert.deepEqual(await statuses('/images/generations'), [503, 200]);
		assert.equal(recorder.failures.length, 1, 'the retry did not fail');
	});

	it('cancelled by the caller\'s cancellation token: no notification, nothing offered', async () => {
		await admin().fault({ kind: 'hang', path: '/images/generations' });
		const source = new vscode.CancellationTokenSource();
		const running = vscode.commands.executeCommand('aipass.image.generate', { ...generate, cancellation: source.token });
		await waitFor('the hanging request', async () => (await routeRequests('/images/generations')).length === 1 || undefined);
		source.cancel();
		assert.equal(await running, undefined);
		assert.deepEqual(recorder.failures.map(f => [f.kind, f.next, f.message, f.actions]), [['cancelled', 'cancelled', '', []]]);
		source.dispose();
	});
});

describe('operation runner: Analyze Image (aipass.analyzeImage)', function () {
	this.timeout(90_000);
	let image: vscode.Uri;

	const analyze = (options: Record<string, unknown> = {}): Thenable<AnalyzeImageResult> =>
		vscode.commands.executeCommand<AnalyzeImageResult>('aipass.analyzeImage', image, { preset: 'describe', ...options });

	before(async () => {
		image = vscode.Uri.joinPath(workspaceRoot(), 'runner-photo.png');
		await vscode.workspace.fs.writeFile(image, pngOf(photo(64, 48)));
	});

	beforeEach(async () => {
		await signInFresh();
		await admin().clearRequests();
		await closeEditors();
		await vscode.commands.executeCommand('notifications.clearAll');
	});

	after(async () => {
		await removeIfPresent(image);
	});

	it('402: Top Up', async () => {
		await exhaustBudget();
		assert.deepEqual(await analyze(), { status: 'failed', message: 'Your AI Pass budget is used up. Top up your wallet at AI Pass to continue.', next: 'topUp' });
	});

	it('401 (also after a refresh): Sign In', async () => {
		await admin().fault({ kind: 'unauthorized', path: '/chat/completions', times: 2 });
		assert.deepEqual(await analyze(), { status: 'failed', message: 'Your AI Pass session has expired. Sign in again to continue.', next: 'signIn' });
	});

	it('502: Retry, and pressing it analyzes again and opens the answer', async () => {
		await admin().fault({ kind: 'serverError', status: 502, path: '/chat/completions' });
		assert.deepEqual(await analyze(), { status: 'failed', message: 'AI Pass is having a temporary problem. Try again in a moment.', next: 'retry' });
		await pressNotificationButton();
		await waitFor('the retried request', async () => ((await statuses('/chat/completions')).length === 2 || undefined), 45_000);
		assert.deepEqual(await statuses('/chat/completions'), [502, 200]);
		await waitFor('the answer in a Markdown preview', () => vscode.window.tabGroups.all.flatMap(group => group.tabs)
			.some(tab => tab.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(tab.input.viewType)) || undefined, 45_000);
	});

	it('cancelled by the caller\'s token: reported cancelled, nothing offered', async () => {
		await admin().fault({ kind: 'hang', path: '/chat/completions' });
		const source = new vscode.CancellationTokenSource();
		const running = analyze({ cancellation: source.token });
		await waitFor('the hanging request', async () => (await routeRequests('/chat/completions')).length === 1 || undefined);
		source.cancel();
		assert.deepEqual(await running, { status: 'cancelled' });
		source.dispose();
	});
});
