import assert from 'node:assert/strict';
import { DeltaBatcher } from '../../../src/chat/deltaBatcher';
import { buildChatRequest } from '../../../src/chat/requestBuilder';

const nextTimers = () => new Promise(resolve => setTimeout(resolve, 40));

describe('chat delta batcher', () => {
	it('hands any number of deltas arriving at once to the webview as one update', async () => {
		const flushed: [string, number, string][] = [];
		const batcher = new DeltaBatcher((id, offset, text) => flushed.push([id, offset, text]));
		let offset = 0;
		for (let i = 0; i < 1000; i++) {
			batcher.push('a1', offset, 'tok ');
			offset += 4;
		}
		assert.equal(flushed.length, 0, 'nothing is posted synchronously');
		await nextTimers();
		assert.deepEqual(flushed, [['a1', 0, 'tok '.repeat(1000)]]);
	});

	it('starts a new update after a flush, with the right offset', async () => {
		const flushed: [string, number, string][] = [];
		const batcher = new DeltaBatcher((id, offset, text) => flushed.push([id, offset, text]));
		batcher.push('a1', 0, 'Hello');
		batcher.flushNow();
		batcher.push('a1', 5, ', world');
		await nextTimers();
		assert.deepEqual(flushed, [['a1', 0, 'Hello'], ['a1', 5, ', world']]);
	});

	it('flushes the pending text of one message before another message starts', () => {
		const flushed: string[] = [];
		const batcher = new DeltaBatcher((id, _offset, text) => flushed.push(`${id}:${text}`));
		batcher.push('a1', 0, 'one');
		batcher.push('a2', 0, 'two');
		batcher.flushNow();
		assert.deepEqual(flushed, ['a1:one', 'a2:two']);
	});

	it('drops pending text on dispose', async () => {
		const flushed: string[] = [];
		const batcher = new DeltaBatcher((_id, _offset, text) => flushed.push(text));
		batcher.push('a1', 0, 'late');
		batcher.dispose();
		await nextTimers();
		assert.deepEqual(flushed, []);
	});
});

describe('chat request builder', () => {
	const png = 'data:image/png;base64,AAAA';

	it('sends the system prompt, questions with their context and (pinned) images, and answers with text', () => {
		const request = buildChatRequest([
			{
				id: 'u1', role: 'user', text: 'Explain', createdAt: 1, images: [{ name: 'a.png', dataUrl: png }], pinned: true,
				attachments: [{ id: 'x', kind: 'file', label: 'a.ts', language: 'typescript', text: 'let a = `x`;\n', truncated: true }],
			},
			{ id: 'a1', role: 'assistant', text: 'It declares a.', createdAt: 2, status: 'done' },
			{ id: 'a0', role: 'assistant', text: '', createdAt: 2, status: 'error' },
			{ id: 'u2', role: 'user', text: 'Thanks', createdAt: 3 },
		], { model: 'gpt-5-mini', systemPrompt: 'Be brief.', vision: true });
		assert.deepEqual(request, {
			model: 'gpt-5-mini',
			messages: [
				{ role: 'system', content: 'Be brief.' },
				{
					role: 'user', content: [
						{ type: 'text', text: 'Context from `a.ts` (truncated):\n```typescript\nlet a = `x`;\n```\n\nExplain' },
						{ type: 'image_url', image_url: { url: png } },
					],
				},
				{ role: 'assistant', content: 'It declares a.' },
				{ role: 'user', content: 'Thanks' },
			],
		});
	});

	it('names images instead of sending them to a model without vision, and omits an empty system prompt', () => {
		const request = buildChatRequest([{ id: 'u1', role: 'user', text: 'What is it?', createdAt: 1, images: [{ name: 'a.png', dataUrl: png }] }],
			{ model: 'gpt-5-nano', systemPrompt: '  ', vision: false });
		assert.deepEqual(request.messages, [{ role: 'user', content: 'What is it?\n\n[image: a.png]' }]);
	});
});
