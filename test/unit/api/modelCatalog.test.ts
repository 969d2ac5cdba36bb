import assert from 'node:assert/strict';
import { ModelCatalog } from '../../../src/api/modelCatalog';
import { rejection, useEmulator } from './helpers';

describe('api: ModelCatalog', () => {
	const api = useEmulator();
	let clock = 0;
	const now = (): number => clock;

	async function catalogRequests(): Promise<number> {
		return (await api.emulator.admin.requests({ path: '/models' })).length;
	}

	beforeEach(() => {
		clock = 1_000_000;
	});

	it('loads the full catalog once and filters locally', async () => {
		const catalog = new ModelCatalog(api.client, 60_000, now);
		const images = await catalog.get({ type: 'image', method: 'image_edit' });
		assert.deepEqual(images.map((m) => m.id).sort(), ['dall-e-2', 'gpt-image-2-edit', 'nano-banana-2-edit']);
		assert.deepEqual((await catalog.visionModels()).map((m) => m.id).sort(), ['claude-haiku-4-5', 'gemini-2.5-flash-lite', 'gpt-5-mini']);
		assert.deepEqual((await catalog.chatModels()).map((m) => m.id).sort(), ['claude-haiku-4-5', 'gemini-2.5-flash-lite', 'gpt-5-mini', 'gpt-5-nano']);
		assert.ok((await catalog.get()).length > 10);
		const [request] = await api.emulator.admin.requests({ path: '/models' });
		assert.deepEqual(request.query, {}, 'the full catalog, unfiltered');
		assert.equal(await catalogRequests(), 1);
	});

	it('shares one request between concurrent callers', async () => {
		const catalog = new ModelCatalog(api.client, 60_000, now);
		const results = await Promise.all([catalog.get(), catalog.chatModels(), catalog.visionModels(), catalog.get({ type: 'audio' })]);
		assert.ok(results.every((list) => list.length > 0));
		assert.equal(await catalogRequests(), 1);
	});

	it('reloads after the TTL and after invalidate()', async () => {
		const catalog = new ModelCatalog(api.client, 60_000, now);
		await catalog.get();
		clock += 59_999;
		await catalog.get();
		assert.equal(await catalogRequests(), 1, 'still fresh');
		clock += 1;
		await catalog.get();
		assert.equal(await catalogRequests(), 2, 'expired at the TTL');
		catalog.invalidate();
		await catalog.get();
		assert.equal(await catalogRequests(), 3, 'invalidated');
	});

	it('tells its readers when it is invalidated, until they stop listening', async () => {
		const catalog = new ModelCatalog(api.client, 60_000, now);
		await catalog.get();
		const seen: string[] = [];
		const first = catalog.onDidChange(() => seen.push('first'));
		const second = catalog.onDidChange(() => seen.push('second'));
		catalog.invalidate();
		assert.deepEqual(seen, ['first', 'second']);
		first.dispose();
		catalog.invalidate();
		assert.deepEqual(seen, ['first', 'second', 'second']);
		second.dispose();
		await catalog.get();
		assert.equal(await catalogRequests(), 2, 'a reader reloading after the event gets a fresh list');
	});

	it('does not cache a failure', async () => {
		const catalog = new ModelCatalog(api.client, 60_000, now);
		await api.emulator.admin.fault({ kind: 'serverError', path: '/models' });
		await rejection(catalog.get());
		assert.ok((await catalog.get()).length > 0);
		assert.equal(await catalogRequests(), 2);
	});

	it('keeps legacy string entries as chat candidates, but not as vision models', async () => {
		await api.emulator.admin.setConfig({ modelsShape: 'strings' });
		const catalog = new ModelCatalog(api.client, 60_000, now);
		const chat = await catalog.chatModels();
		assert.ok(chat.some((m) => m.id === 'gpt-5-mini') && chat.every((m) => m.type === undefined));
		assert.deepEqual(await catalog.visionModels(), []);
		assert.deepEqual(await catalog.get({ type: 'text' }), []);
	});
});
