import assert from 'node:assert/strict';
import { AbortedError } from '../../../src/api/errors';
import { type VideoJob } from '../../../src/api/types';
import { VideoFailedError, waitForVideo } from '../../../src/media/videoPolling';
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
