import assert from 'node:assert/strict';
import { chat, signIn, sseBlocks, useEmulator } from './harness';

interface Chunk {
	id: string;
	object: string;
	created: number;
	model: string;
	choices: Array<{ index: number; delta: Record<string, unknown>; finish_reason: string | null }>;
	usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
}

const ERROR_FRAME = 'data: {"error":{"message":"Upstream provider error","type":"server_error","param":null,"code":"500"}}';
const USER = [{ role: 'user', content: 'one two three' }];

describe('emulator: chat streaming (SSE)', () => {
	const emu = useEmulator();
	let access = '';
	beforeEach(async () => {
		access = (await signIn(emu.url)).access_token;
	});

	async function stream(extra: Record<string, unknown> = {}): Promise<Response> {
		const response = await chat(emu.url, access, { messages: USER, stream: true, ...extra });
		assert.equal(response.status, 200);
		return response;
	}

	const parse = (block: string): Chunk => JSON.parse(block.slice('data: '.length)) as Chunk;
	const contentOf = (blocks: string[]): string => blocks
		.filter((block) => block.startsWith('data: {"id"'))
		.map((block) => String(parse(block).choices[0]?.delta.content ?? ''))
		.join('');

	it('sends ping, role chunk, word chunks, stop chunk, usage chunk and [DONE]', async () => {
		const response = await stream({ stream_options: { include_usage: true } });
		assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
		assert.equal(response.headers.get('cache-control'), 'no-cache');
		const text = await response.text();
		assert.ok(text.startsWith(': ping\n\n'));
		assert.ok(text.endsWith('data: [DONE]\n\n'));
		const blocks = sseBlocks(text);
		assert.equal(blocks[0], ': ping');
		const chunks = blocks.slice(1, -1).map(parse);
		for (const chunk of chunks) {
			assert.equal(chunk.object, 'chat.completion.chunk');
			assert.equal(chunk.model, 'gpt-5-mini');
			assert.equal(chunk.id, chunks[0].id);
			assert.equal(typeof chunk.created, 'number');
		}
		assert.deepEqual(chunks[0].choices, [{ index: 0, delta: { role: 'assistant' }, finish_reason: null }]);
		const pieces = chunks.slice(1, -2).map((chunk) => chunk.choices[0].delta.content);
		assert.deepEqual(pieces, ['Echo: ', 'one ', 'two ', 'three']);
		assert.deepEqual(chunks.at(-2)?.choices, [{ index: 0, delta: {}, finish_reason: 'stop' }]);
		assert.deepEqual(chunks.at(-1)?.choices, []);
		assert.deepEqual(chunks.at(-1)?.usage, { prompt_tokens: 4, completion_tokens: 5, total_tokens: 9 });
	});

	it('omits the usage chunk without stream_options.include_usage', async () => {
		const blocks = sseBlocks(await (await stream()).text());
		assert.equal(blocks.at(-1), 'data: [DONE]');
		assert.deepEqual(parse(blocks.at(-2) ?? '').choices[0].finish_reason, 'stop');
		assert.ok(blocks.every((block) => !block.includes('"usage"')));
	});

	it('streams a tool call with finish_reason tool_calls', async () => {
		const response = await chat(emu.url, access, {
			messages: [{ role: 'user', content: '[[tool:get_time]]' }], stream: true, tools: [{ type: 'function', function: { name: 'get_time' } }],
		});
		const chunks = sseBlocks(await response.text()).slice(1, -1).map(parse);
		const calls = chunks.flatMap((chunk) => (chunk.choices[0]?.delta.tool_calls as Array<Record<string, unknown>> | undefined) ?? []);
		assert.equal(calls[0].type, 'function');
		assert.deepEqual(calls[0].function, { name: 'get_time', arguments: '' });
		assert.deepEqual(calls[1].function, { arguments: '{}' });
		assert.equal(chunks.at(-1)?.choices[0].finish_reason, 'tool_calls');
	});

	it('dropStream destroys the socket after N content chunks, with no [DONE]', async () => {
		await emu.admin.fault({ kind: 'dropStream', afterChunks: 2 });
		const response = await stream();
		const reader = response.body?.getReader();
		assert.ok(reader);
		let text = '';
		const decoder = new TextDecoder();
		await assert.rejects(async () => {
			for (;;) {
				const { done, value } = await reader.read();
				if (done) {
					return;
				}
				text += decoder.decode(value, { stream: true });
			}
		});
		assert.equal(contentOf(sseBlocks(text)), 'Echo: one ');
		assert.ok(!text.includes('[DONE]'));
	});

	it('errorFrame sends the LiteLLM error frame then EOF without [DONE]', async () => {
		await emu.admin.fault({ kind: 'errorFrame', afterChunks: 1 });
		const blocks = sseBlocks(await (await stream()).text());
		assert.equal(contentOf(blocks), 'Echo: ');
		assert.equal(blocks.at(-1), ERROR_FRAME);
	});

	it('errorFrame with withDone sends the error frame then [DONE]', async () => {
		await emu.admin.fault({ kind: 'errorFrame', afterChunks: 0, withDone: true });
		const blocks = sseBlocks(await (await stream()).text());
		assert.deepEqual(blocks.slice(-2), [ERROR_FRAME, 'data: [DONE]']);
		assert.equal(contentOf(blocks), '');
	});

	it('malformedSse injects a broken data line, a bare line and an unknown event among valid frames', async () => {
		await emu.admin.fault({ kind: 'malformedSse' });
		const text = await (await stream()).text();
		const blocks = sseBlocks(text);
		assert.ok(blocks.includes('data: {not json'));
		assert.ok(blocks.includes('garbage'));
		assert.ok(blocks.includes('event: weird'));
		assert.equal(contentOf(blocks), 'Echo: one two three');
		assert.equal(blocks.at(-1), 'data: [DONE]');
	});

	it('stallStream stops sending but keeps the connection open until the client aborts', async () => {
		await emu.admin.fault({ kind: 'stallStream', afterChunks: 1 });
		const controller = new AbortController();
		const response = await chat(emu.url, access, { messages: USER, stream: true }, controller.signal);
		const reader = response.body?.getReader();
		assert.ok(reader);
		let text = '';
		const decoder = new TextDecoder();
		while (!text.includes('"content":"Echo: "')) {
			const { value } = await reader.read();
			text += decoder.decode(value, { stream: true });
		}
		const timer = setTimeout(() => controller.abort(), 150);
		await assert.rejects(reader.read(), (error: Error) => error.name === 'AbortError');
		clearTimeout(timer);
		assert.equal(contentOf(sseBlocks(text)), 'Echo: ');
	});

	it('paces frames with chunkDelayMs (each frame arrives in its own read)', async () => {
		await emu.admin.setConfig({ chunkDelayMs: 20 });
		const reader = (await stream()).body!.getReader();
		let reads = 0;
		for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
			reads++;
		}
		// ping + role + 4 content + stop + [DONE]: with a pause between frames they cannot coalesce into one read.
		assert.ok(reads >= 5, `${reads} reads`);
	});
});
