import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { VideoResult } from '../../src/media/videoGenerate';
import { admin, extensionApi, waitFor } from './helpers';
import { closeEditors, exhaustBudget, listFolder, outputFolder, recordFailures, removeIfPresent, routeRequests, signInForMedia, startsWith } from './mediaHelpers';

const fast = { model: 'sora-2', seconds: 4, preview: false, offerRemix: false };

async function polls(): Promise<number> {
	return (await admin().requests({ path: '/videos/' })).filter(e => e.method === 'GET' && /\/videos\/[^/]+(\/status)?$/.test(e.path)).length;
}

describe('media: generate video (aipass.video.generate)', function () {
	this.timeout(60_000);
	let recorder: Awaited<ReturnType<typeof recordFailures>>;

	beforeEach(async () => {
		await signInForMedia();
		await closeEditors();
		await removeIfPresent(outputFolder());
		recorder = await recordFailures();
		(await extensionApi()).testing.setVideoPollTiming({ intervalMs: 10, retryBaseMs: 10 });
	});

	afterEach(async () => {
		recorder.dispose();
		(await extensionApi()).testing.setVideoPollTiming(undefined);
	});

	it('creates the job, polls it to completion, downloads the MP4, then remixes it', async () => {
		await admin().setConfig({ videoPollsToComplete: 3 });
		const result = await vscode.commands.executeCommand<VideoResult>('aipass.video.generate', { ...fast, prompt: 'Waves at dusk' });
		assert.ok(result, JSON.stringify(recorder.failures));
		assert.match(result.files[0].path, /\/aipass-media\/waves-at-dusk-\d{8}-\d{6}\.mp4$/);
		const bytes = await vscode.workspace.fs.readFile(result.files[0]);
		assert.ok(startsWith(bytes, 'ftyp', 4), 'an MP4 (ftyp box)');
		const [create] = await routeRequests('/videos');
		assert.deepEqual(create.body, { model: 'sora-2', prompt: 'Waves at dusk', seconds: '4' });
		assert.equal(await polls(), 3);
		assert.equal((await routeRequests(`/videos/${result.videoId}/content`, 'GET')).length, 1);

		const remix = await vscode.commands.executeCommand<VideoResult>('aipass.video.generate', { remixOf: result.videoId, prompt: 'now at dawn', preview: false, offerRemix: false });
		assert.ok(remix, JSON.stringify(recorder.failures));
		assert.notEqual(remix.videoId, result.videoId);
		const [remixRequest] = await routeRequests(`/videos/${result.videoId}/remix`);
		assert.deepEqual(remixRequest.body, { prompt: 'now at dawn' });
		assert.equal((await listFolder()).length, 2);
	});

	it('handles the {videoId} + /status + downloadUrl shape the same way', async () => {
		await admin().setConfig({ videoShape: 'videoId', videoPollsToComplete: 2 });
		const result = await vscode.commands.executeCommand<VideoResult>('aipass.video.generate', { ...fast, model: 'veo-3.1-fast-generate-preview', prompt: 'a paper boat', seconds: 8 });
		assert.ok(result, JSON.stringify(recorder.failures));
		assert.ok(startsWith(await vscode.workspace.fs.readFile(result.files[0]), 'ftyp', 4));
		assert.ok((await routeRequests('/status', 'GET')).length >= 2);
		assert.equal((await routeRequests('.mp4', 'GET')).length, 1, 'downloaded from downloadUrl');
	});

	it('cancelled by the caller\'s token while polling: stops polling, silent, writes nothing', async () => {
		await admin().setConfig({ videoPollsToComplete: 1000 });
		const source = new vscode.CancellationTokenSource();
		const running = Promise.resolve(vscode.commands.executeCommand('aipass.video.generate', { ...fast, prompt: 'endless', token: source.token })); // `token`: the deprecated alias of `cancellation`, still accepted
		await waitFor('a few polls', async () => (await polls()) >= 2 || undefined);
		source.cancel();
		assert.equal(await running, undefined);
		assert.deepEqual(recorder.failures.map(f => f.kind), ['cancelled']);
		const settled = await polls();
		await new Promise(resolve => setTimeout(resolve, 200));
		assert.equal(await polls(), settled, 'no poll after the command ended');
		assert.equal((await admin().requests({ path: '/content' })).length, 0);
		assert.deepEqual(await listFolder(), []);
	});

	it('cancelled through the testing hook (as the notification\'s Cancel button would)', async () => {
		await admin().setConfig({ videoPollsToComplete: 1000 });
		const { testing } = await extensionApi();
		const running = Promise.resolve(vscode.commands.executeCommand('aipass.video.generate', { ...fast, prompt: 'endless' }));
		await waitFor('a poll', async () => (await polls()) >= 1 || undefined);
		testing.media?.cancelAll();
		assert.equal(await running, undefined);
		assert.deepEqual(recorder.failures.map(f => f.kind), ['cancelled']);
		assert.deepEqual(await listFolder(), []);
	});

	it('a status poll that fails twice does not abandon the paid job: retried, then saved', async () => {
		await admin().setConfig({ videoPollsToComplete: 2 });
		await admin().fault({ kind: 'failVideoPoll', times: 2 });
		const result = await vscode.commands.executeCommand<VideoResult>('aipass.video.generate', { ...fast, prompt: 'stubborn' });
		assert.ok(result, JSON.stringify(recorder.failures));
		const statuses = (await admin().requests({ path: `/videos/${result.videoId}` })).filter(e => e.method === 'GET' && !e.path.endsWith('/content')).map(e => e.status);
		assert.deepEqual(statuses, [503, 503, 200, 200]);
		assert.equal((await listFolder()).length, 1);
	});

	it('polls failing past the retries: the job id is shown, and aipass.video.resume saves the video', async () => {
		await admin().setConfig({ videoPollsToComplete: 2 });
		await admin().fault({ kind: 'failVideoPoll', status: 502, times: 50 });
		assert.equal(await vscode.commands.executeCommand('aipass.video.generate', { ...fast, prompt: 'lost at sea' }), undefined);
		assert.deepEqual(recorder.failures.map(f => [f.kind, f.errorName]), [['failed', 'VideoInterruptedError']]);
		const id = /video job (video_[\w-]+)\. It may still finish: resume it with "AI Pass: Resume Video…"\.$/.exec(recorder.failures[0].message)?.[1];
		assert.ok(id, recorder.failures[0].message);
		assert.deepEqual(await listFolder(), []);
		await admin().clearFaults();
		const resumed = await vscode.commands.executeCommand<VideoResult>('aipass.video.resume', { videoId: id, preview: false });
		assert.ok(resumed, JSON.stringify(recorder.failures));
		assert.equal(resumed.videoId, id);
		assert.match(resumed.files[0].path, /\/aipass-media\/lost-at-sea-\d{8}-\d{6}\.mp4$/, 'named after the remembered prompt');
		assert.ok(startsWith(await vscode.workspace.fs.readFile(resumed.files[0]), 'ftyp', 4));
		assert.equal((await routeRequests('/videos')).length, 1, 'resuming never creates (or pays for) another job');
	});

	it('a failed job shows the service\'s reason and writes nothing', async () => {
		await admin().setConfig({ videoPollsToComplete: 2 });
		await admin().fault({ kind: 'videoFails' });
		assert.equal(await vscode.commands.executeCommand('aipass.video.generate', { ...fast, prompt: 'doomed' }), undefined);
		assert.deepEqual(recorder.failures.map(f => f.kind), ['failed']);
		assert.match(recorder.failures[0].message, /^AI Pass could not generate the video: Video generation failed for video_/);
		assert.deepEqual(await listFolder(), []);
	});

	it('refuses an empty prompt and bad options before any request; 402 writes nothing', async () => {
		await vscode.commands.executeCommand('aipass.video.generate', { ...fast, prompt: '' });
		await vscode.commands.executeCommand('aipass.video.generate', { ...fast, prompt: 'x', seconds: 0 });
		await vscode.commands.executeCommand('aipass.video.generate', { ...fast, prompt: 'x', model: 'dall-e-2' });
		assert.equal((await routeRequests('/videos')).length, 0);
		await exhaustBudget();
		await vscode.commands.executeCommand('aipass.video.generate', { ...fast, prompt: 'x' });
		const messages = recorder.failures.map(f => f.message);
		assert.equal(messages.length, 4, JSON.stringify(recorder.failures));
		assert.match(messages[0], /Enter a prompt that describes the video/);
		assert.match(messages[1], /whole number of seconds/);
		assert.match(messages[2], /"dall-e-2" is not an AI Pass model for video generation/);
		assert.match(messages[3], /budget is used up/);
		assert.equal((await routeRequests('/videos'))[0]?.status, 402);
		assert.deepEqual(await listFolder(), []);
	});
});
