import assert from 'node:assert/strict';
import { type AiPassClient } from '../../../src/api/client';
import { type VideoJob } from '../../../src/api/types';
import { useEmulator } from './helpers';

/** Polls until the job settles (the emulator advances one step per poll). */
async function poll(client: AiPassClient, id: string): Promise<VideoJob[]> {
	const seen: VideoJob[] = [];
	for (let i = 0; i < 10; i++) {
		const job = await client.getVideo(id);
		seen.push(job);
		if (job.status === 'completed' || job.status === 'failed') {
			break;
		}
	}
	return seen;
}

function isMp4(bytes: Uint8Array): boolean {
	return String.fromCharCode(...bytes.subarray(4, 8)) === 'ftyp';
}

describe('api: videos', () => {
	const api = useEmulator();

	it('runs the OpenAI VideoObject lifecycle: create, poll, download, remix', async () => {
		await api.emulator.admin.setConfig({ videoPollsToComplete: 3 });
		const created = await api.client.createVideo({ model: 'sora-2', prompt: 'waves at dusk', seconds: 4, size: '720x1280' });
		assert.deepEqual({ ...created, id: '' }, { id: '', status: 'queued', progress: 0 });
		const polls = await poll(api.client, created.id);
		assert.deepEqual(polls.map((job) => [job.status, job.progress]), [['in_progress', 33], ['in_progress', 67], ['completed', 100]]);
		const video = await api.client.downloadVideo(created.id);
		assert.equal(video.mime, 'video/mp4');
		assert.ok(isMp4(video.data));
		const remix = await api.client.remixVideo(created.id, 'now at dawn');
		assert.notEqual(remix.id, created.id);
		assert.equal(remix.status, 'queued');
		const paths = (await api.emulator.admin.requests({ path: '/videos' })).map((entry) => `${entry.method} ${entry.path.replace(/video_[\w-]+/g, '{id}')}`);
		assert.deepEqual(paths, [
			'POST /oauth2/v1/videos', 'GET /oauth2/v1/videos/{id}', 'GET /oauth2/v1/videos/{id}', 'GET /oauth2/v1/videos/{id}',
			'GET /oauth2/v1/videos/{id}/content', 'POST /oauth2/v1/videos/{id}/remix',
		]);
		assert.equal(api.settled, 2, 'create and remix are paid; polls and the download are not');
	});

	it('normalises the {videoId} + /status + downloadUrl shape into the same jobs', async () => {
		await api.emulator.admin.setConfig({ videoShape: 'videoId', videoPollsToComplete: 2 });
		const created = await api.client.createVideo({ model: 'veo-3.1-fast-generate-preview', prompt: 'a paper boat' });
		assert.equal(created.status, 'queued');
		const polls = await poll(api.client, created.id);
		assert.deepEqual(polls.map((job) => job.status), ['in_progress', 'completed']);
		const done = polls[polls.length - 1];
		assert.ok(done.downloadUrl?.startsWith(`${api.emulator.url}/__media/`));
		assert.equal(done.id, created.id);
		const video = await api.client.downloadVideo(created.id);
		assert.ok(isMp4(video.data));
		const paths = (await api.emulator.admin.requests({ path: '/' })).map((entry) => entry.path.replace(/video_[\w-]+/g, '{id}'));
		assert.deepEqual(paths.map((path) => path.replace(/__media\/.*/, '__media/{file}')), [
			'/oauth2/v1/videos', '/oauth2/v1/videos/{id}/status', '/oauth2/v1/videos/{id}/status', '/oauth2/v1/videos/{id}/status',
			'/__media/{file}',
		]);
	});

	it('reports a failed job with its error', async () => {
		await api.emulator.admin.fault({ kind: 'videoFails' });
		await api.emulator.admin.setConfig({ videoPollsToComplete: 1 });
		const created = await api.client.createVideo({ model: 'sora-2', prompt: 'doomed' });
		const [job] = await poll(api.client, created.id);
		assert.equal(job.status, 'failed');
		assert.match(job.error ?? '', /Video generation failed/);
	});
});
