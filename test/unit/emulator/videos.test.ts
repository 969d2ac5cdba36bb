import assert from 'node:assert/strict';
import { api, signIn, useEmulator } from './harness';

interface Video {
	id: string;
	object: string;
	status: string;
	progress: number;
	created_at: number;
	completed_at: number | null;
	model: string;
	seconds: string;
	size: string;
	remixed_from_video_id: string | null;
	error: { code: string; message: string } | null;
}

describe('emulator: videos', () => {
	const emu = useEmulator();
	let access = '';
	beforeEach(async () => {
		access = (await signIn(emu.url)).access_token;
	});
	const call = (path: string, body?: unknown): Promise<Response> =>
		api(emu.url, access, path, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) });
	const json = async <T>(response: Promise<Response>): Promise<T> => (await (await response).json()) as T;

	it('runs the OpenAI VideoObject lifecycle: queued → in_progress → completed → content', async () => {
		const created = await json<Video>(call('/videos', { model: 'sora-2', prompt: 'a wave', seconds: 8, size: '1280x720' }));
		assert.match(created.id, /^video_/);
		assert.deepEqual(
			{ object: created.object, status: created.status, progress: created.progress, model: created.model, seconds: created.seconds, size: created.size },
			{ object: 'video', status: 'queued', progress: 0, model: 'sora-2', seconds: '8', size: '1280x720' },
		);
		const early = await call(`/videos/${created.id}/content`);
		assert.equal(early.status, 409);
		assert.equal(((await early.json()) as { error: { code: string } }).error.code, '409');

		const polled = await json<Video>(call(`/videos/${created.id}`));
		assert.deepEqual([polled.status, polled.progress, polled.completed_at], ['in_progress', 50, null]);
		const done = await json<Video>(call(`/videos/${created.id}`));
		assert.deepEqual([done.status, done.progress], ['completed', 100]);
		assert.equal(typeof done.completed_at, 'number');

		const content = await call(`/videos/${created.id}/content`);
		assert.equal(content.status, 200);
		assert.equal(content.headers.get('content-type'), 'video/mp4');
		assert.equal(Buffer.from(await content.arrayBuffer()).toString('latin1', 4, 8), 'ftyp');
		assert.equal((await emu.admin.getBudget()).totalCost, 2.95);
	});

	it('remixes a completed video into a new queued job', async () => {
		await emu.admin.setConfig({ videoPollsToComplete: 1 });
		const source = await json<Video>(call('/videos', { model: 'veo-3.1-fast-generate-preview', prompt: 'a cat' }));
		const notReady = await call(`/videos/${source.id}/remix`, { prompt: 'a dog' });
		assert.equal(notReady.status, 409);
		await notReady.body?.cancel();
		assert.equal((await json<Video>(call(`/videos/${source.id}`))).status, 'completed');
		const remix = await json<Video>(call(`/videos/${source.id}/remix`, { prompt: 'a dog' }));
		assert.notEqual(remix.id, source.id);
		assert.equal(remix.status, 'queued');
		assert.equal(remix.remixed_from_video_id, source.id);
		assert.equal(remix.model, 'veo-3.1-fast-generate-preview');
	});

	it('fails the next job with the videoFails fault', async () => {
		await emu.admin.fault({ kind: 'videoFails' });
		const video = await json<Video>(call('/videos', { model: 'sora-2', prompt: 'doomed' }));
		await call(`/videos/${video.id}`);
		const failed = await json<Video>(call(`/videos/${video.id}`));
		assert.equal(failed.status, 'failed');
		assert.ok(failed.error?.message);
		const content = await call(`/videos/${video.id}/content`);
		assert.equal(content.status, 409);
		await content.body?.cancel();
	});

	it('speaks the videoId shape: {videoId} then /status with a downloadUrl', async () => {
		await emu.admin.setConfig({ videoShape: 'videoId' });
		const created = await json<Record<string, unknown>>(call('/videos', { model: 'sora-2', prompt: 'a wave', seconds: '4' }));
		assert.deepEqual(Object.keys(created), ['videoId']);
		const id = String(created.videoId);
		const first = await json<{ status: string; downloadUrl: string | null }>(call(`/videos/${id}/status`));
		assert.deepEqual([first.status, first.downloadUrl], ['in_progress', null]);
		const second = await json<{ status: string; downloadUrl: string | null }>(call(`/videos/${id}/status`));
		assert.equal(second.status, 'completed');
		assert.ok(second.downloadUrl?.startsWith(`${emu.url}/__media/`));
		const file = await fetch(second.downloadUrl ?? '');
		assert.equal(file.headers.get('content-type'), 'video/mp4');
		await file.body?.cancel();
	});

	it('answers 404 for /status in the OpenAI shape and for unknown videos', async () => {
		const video = await json<Video>(call('/videos', { model: 'sora-2', prompt: 'x' }));
		for (const path of [`/videos/${video.id}/status`, '/videos/video_nope']) {
			const response = await call(path);
			assert.equal(response.status, 404, path);
			await response.body?.cancel();
		}
	});
});
