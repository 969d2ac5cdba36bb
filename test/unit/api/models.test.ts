import assert from 'node:assert/strict';
import { InvalidModelError, NotFoundError } from '../../../src/api/errors';
import { rejection, useEmulator } from './helpers';

describe('api: models', () => {
	const api = useEmulator();

	it('lists the catalog envelope with type, capabilities and methods', async () => {
		const models = await api.client.listModels();
		const mini = models.find((model) => model.id === 'gpt-5-mini');
		assert.deepEqual(mini, {
			id: 'gpt-5-mini', type: 'text', capabilities: ['vision'], methods: ['chat_completions'], ownedBy: 'openai', created: 1753000000,
		});
		assert.ok(models.some((model) => model.type === 'image'));
	});

	it('accepts the legacy string array as entries without metadata', async () => {
		await api.emulator.admin.setConfig({ modelsShape: 'strings' });
		const models = await api.client.listModels();
		assert.ok(models.length > 5);
		assert.deepEqual(models.find((model) => model.id === 'gpt-5-mini'), {
			id: 'gpt-5-mini', type: undefined, capabilities: [], methods: [],
		});
	});

	it('sends the filter as query parameters and returns what the server selected', async () => {
		const models = await api.client.listModels({ type: 'text', capability: 'vision', method: 'chat_completions' });
		assert.deepEqual(models.map((model) => model.id).sort(), ['claude-haiku-4-5', 'gemini-2.5-flash-lite', 'gpt-5-mini']);
		const [request] = await api.emulator.admin.requests({ path: '/models' });
		assert.deepEqual(request.query, { type: 'text', capability: 'vision', method: 'chat_completions' });
	});

	it('gets one model, and maps an unknown one to NotFoundError', async () => {
		const model = await api.client.getModel('whisper-1');
		assert.equal(model.id, 'whisper-1');
		assert.deepEqual(model.methods, ['audio_transcription']);
		const error = await rejection(api.client.getModel('no-such-model'));
		assert.ok(error instanceof NotFoundError);
		assert.equal(error.status, 404);
	});

	it('works against the canonical /v1 base too', async () => {
		const client = api.makeClient({ apiBasePath: () => '/v1' });
		assert.ok((await client.listModels()).length > 5);
		const [request] = await api.emulator.admin.requests({ path: '/models' });
		assert.equal(request.path, '/v1/models');
	});

	it('maps an unknown model in a paid call to InvalidModelError naming the model', async () => {
		const error = await rejection(api.client.chat({ model: 'gpt-9.5-turbo', messages: [{ role: 'user', content: 'hi' }] }));
		assert.ok(error instanceof InvalidModelError);
		assert.equal(error.model, 'gpt-9.5-turbo');
		assert.equal(error.status, 400);
		assert.match(error.userMessage, /"gpt-9\.5-turbo" is not available/);
	});
});
