import assert from 'node:assert/strict';
import { AbortedError } from '../../../src/api/errors';
import { type VideoJob } from '../../../src/api/types';
import { VideoFailedError, VideoInterruptedError, waitForVideo } from '../../../src/media/videoPolling';
import { rejection, useEmulator } from '../api/helpers';

describe('media: video polling (against the emulator)', () => {
	const api = useEmulator();

	it('polls until completed and reports every state', async () => {
		await api.emulator.admin.setConfig({ videoPollsToComplete: 3 });
		const created = await api.client.createVideo({ model: 'sora-2', prompt: 'waves', seconds: '4' });
		const seen: VideoJob[] = [];
		const done = await waitForVideo(api.client, created, { intervalMs: 0, signal: new AbortController().signal, onUpdate: job => seen.push(job) });
		assert.equal(done.status, 'completed');
		assert.deepEqual(seen.map(job => job.status), ['queued', 'in_progress', 'in_progress', 'completed']);
		assert.equal((await api.emulator.admin.requests({ path: `/videos/${created.id}` })).length, 3);
	});

	it('works the same with the {videoId} + /status shape', async () => {
		await api.emulator.admin.setConfig({ videoShape: 'videoId', videoPollsToComplete: 2 });
		const created = await api.client.createVideo({ model: 'sora-2', prompt: 'waves' });
		const done = await waitForVideo(api.client, created, { intervalMs: 0, signal: new AbortController().signal });
		assert.equal(done.status, 'completed');
		assert.ok(done.downloadUrl);
	});

	it('retries polls that fail (503 twice, then a dropped socket) with backoff, and completes the paid job', async () => {
		await api.emulator.admin.setConfig({ videoPollsToComplete: 2 });
		const created = await api.client.createVideo({ model: 'sora-2', prompt: 'waves', seconds: '4' });
		await api.emulator.admin.fault({ kind: 'failVideoPoll', times: 2 });
		await api.emulator.admin.fault({ kind: 'failVideoPoll', status: 'drop' });
		const waits: number[] = [];
		const done = await waitForVideo(api.client, created, {
			intervalMs: 0, signal: new AbortController().signal, retryBaseMs: 5, retryMaxMs: 40, onRetry: (_attempt, ms) => waits.push(ms),
		});
		assert.equal(done.status, 'completed');
		assert.deepEqual(waits, [5, 10, 20], 'doubling waits between the failed polls');
		const polls = await api.emulator.admin.requests({ path: `/videos/${created.id}` });
		assert.deepEqual(polls.map(poll => poll.status), [503, 503, null, 200, 200]);
	});

	it('gives up after the retries with VideoInterruptedError naming the job (which may still finish)', async () => {
		const created = await api.client.createVideo({ model: 'sora-2', prompt: 'waves' });
		await api.emulator.admin.fault({ kind: 'failVideoPoll', status: 502, times: 10 });
		const error = await rejection(waitForVideo(api.client, created, { intervalMs: 0, signal: new AbortController().signal, retries: 2, retryBaseMs: 1 }));
		assert.ok(error instanceof VideoInterruptedError, String(error));
		assert.equal(error.videoId, created.id);
		assert.equal((await api.emulator.admin.requests({ path: `/videos/${created.id}` })).length, 3);
	});

	it('does not retry a poll that cannot succeed (unknown job: 404)', async () => {
		const error = await rejection(waitForVideo(api.client, { id: 'video_unknown', status: 'queued' }, { intervalMs: 0, signal: new AbortController().signal, retryBaseMs: 1 }));
		assert.ok(error instanceof VideoInterruptedError);
		assert.equal((await api.emulator.admin.requests({ path: '/videos/video_unknown' })).length, 1);
	});

	it('throws VideoFailedError with the service reason when the job fails', async () => {
		await api.emulator.admin.fault({ kind: 'videoFails' });
		const created = await api.client.createVideo({ model: 'sora-2', prompt: 'waves' });
		const error = await rejection(waitForVideo(api.client, created, { intervalMs: 0, signal: new AbortController().signal }));
		assert.ok(error instanceof VideoFailedError);
		assert.match(error.detail ?? '', /Video generation failed/);
	});

	it('stops at once when aborted while waiting, and polls no more', async () => {
		await api.emulator.admin.setConfig({ videoPollsToComplete: 1000 });
		const created = await api.client.createVideo({ model: 'sora-2', prompt: 'waves' });
		const controller = new AbortController();
		let polls = 0;
		const waiting = waitForVideo(api.client, created, {
			intervalMs: 60_000, signal: controller.signal,
			onUpdate: () => {
				polls++;
				// First update is the created job: abort during the (long) wait before the first poll.
				controller.abort();
			},
		});
		assert.ok(await rejection(waiting) instanceof AbortedError);
		assert.equal(polls, 1);
		assert.equal((await api.emulator.admin.requests({ path: `/videos/${created.id}` })).length, 0);
	});

	it('aborts a poll in flight', async () => {
		await api.emulator.admin.setConfig({ videoPollsToComplete: 1000 });
		const created = await api.client.createVideo({ model: 'sora-2', prompt: 'waves' });
		await api.emulator.admin.fault({ kind: 'hang', path: `/videos/${created.id}` });
		const controller = new AbortController();
		const waiting = waitForVideo(api.client, created, { intervalMs: 0, signal: controller.signal });
		for (let i = 0; i < 200 && (await api.emulator.admin.requests({ path: `/videos/${created.id}` })).length === 0; i++) {
			await new Promise(resolve => setTimeout(resolve, 10));
		}
		controller.abort();
		const error = await rejection(waiting);
		assert.ok(error instanceof AbortedError, String(error));
	});
});
