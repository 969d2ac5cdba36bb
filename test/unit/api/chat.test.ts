import assert from 'node:assert/strict';
import { AbortedError, BudgetExhaustedError, StreamError, StreamTruncatedError } from '../../../src/api/errors';
import type { PaidCallInfo, PaidCallOutcome } from '../../../src/api/paidCalls';
import { type ChatStreamEvent, type StreamWarning } from '../../../src/api/types';
import { collect, rejection, useEmulator } from './helpers';

const REPLY = 'Streams arrive in small pieces, one word at a time.';
/** A 1x1 transparent PNG. */
const PNG_1X1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const user = (content: string): { model: string; messages: [{ role: 'user'; content: string }] } =>
	({ model: 'gpt-5-mini', messages: [{ role: 'user', content }] });

function text(events: ChatStreamEvent[]): string {
	return events.map((event) => (event.type === 'delta' ? event.text : '')).join('');
}

describe('api: chat', () => {
	const api = useEmulator();

	beforeEach(async () => {
		await api.emulator.admin.setChatReply({ content: REPLY });
	});

	it('completes a chat, including multimodal content parts', async () => {
		const completion = await api.client.chat({
			model: 'gpt-5-mini',
			messages: [
				{ role: 'system', content: 'Be brief.' },
				{ role: 'user', content: [{ type: 'text', text: 'hello' }, { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG_1X1}` } }] },
			],
		});
		assert.equal(completion.choices[0].message.content, REPLY);
		assert.equal(completion.choices[0].finish_reason, 'stop');
		assert.ok(completion.usage !== undefined && completion.usage.total_tokens > 0);
		const [request] = await api.emulator.admin.requests({ path: '/chat/completions' });
		assert.equal((request.body as { stream: boolean }).stream, false);
		assert.equal(request.images?.[0].format, 'png');
	});

	it('returns tool calls', async () => {
		const completion = await api.client.chat({
			...user('[[tool:lookup]]'),
			tools: [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object' } } }],
		});
		assert.equal(completion.choices[0].message.tool_calls?.[0].function.name, 'lookup');
		assert.equal(completion.choices[0].finish_reason, 'tool_calls');
	});

	it('streams deltas, finish and done with stream: true and Accept: text/event-stream', async () => {
		const { events, error } = await collect(api.client.streamChat(user('hi')));
		assert.equal(error, undefined);
		assert.equal(text(events), REPLY);
		assert.deepEqual(events.filter((event) => event.type === 'finish' || event.type === 'done'), [{ type: 'finish', reason: 'stop' }, { type: 'done' }]);
		const [request] = await api.emulator.admin.requests({ path: '/chat/completions' });
		assert.equal((request.body as { stream: boolean }).stream, true);
		assert.deepEqual((request.body as { stream_options: unknown }).stream_options, { include_usage: true }, 'always asks for the usage chunk');
		assert.equal(request.headers.accept, 'text/event-stream');
		assert.equal(api.settled, 1);
	});

	it('surfaces the usage chunk with stream_options.include_usage', async () => {
		const { events } = await collect(api.client.streamChat({ ...user('hi'), stream_options: { include_usage: true } }));
		const usage = events.find((event) => event.type === 'usage');
		assert.ok(usage?.type === 'usage' && usage.usage.completion_tokens === Math.ceil(REPLY.length / 4));
	});

	it('tells the paid-call observer the model, feature, tag and the reported tokens', async () => {
		const calls: PaidCallInfo[] = [];
		const outcomes: PaidCallOutcome[] = [];
		const client = api.makeClient({ paidCalls: { start: (call) => (calls.push(call), (outcome) => outcomes.push(outcome)) } });
		await collect(client.streamChat(user('hi'), undefined, { paid: { feature: 'chatView', tag: 'answer-1' } }));
		await client.chat(user('again'));
		assert.deepEqual(calls, [
			{ route: 'chat/completions', model: 'gpt-5-mini', feature: 'chatView', tag: 'answer-1' },
			{ route: 'chat/completions', model: 'gpt-5-mini', feature: 'languageModel' },
		]);
		assert.equal(outcomes.length, 2);
		assert.ok(outcomes.every((outcome) => outcome.ok && (outcome.usage?.total_tokens ?? 0) > 0));
	});

	it('settles a failed stream with its error and no tokens', async () => {
		const outcomes: PaidCallOutcome[] = [];
		const client = api.makeClient({ paidCalls: { start: () => (outcome) => outcomes.push(outcome) } });
		await api.emulator.admin.fault({ kind: 'errorFrame', afterChunks: 100, withDone: true });
		const { error } = await collect(client.streamChat(user('hi')));
		assert.ok(error instanceof StreamError);
		assert.equal(outcomes.length, 1);
		assert.equal(outcomes[0].ok, false);
		assert.equal(outcomes[0].usage, undefined);
	});

	it('streamChatBatches: the same events as streamChat, settled once with the reported tokens', async () => {
		const outcomes: PaidCallOutcome[] = [];
		const client = api.makeClient({ paidCalls: { start: () => (outcome) => outcomes.push(outcome) } });
		const one = await collect(client.streamChat(user('hi')));
		const batches = await collect(client.streamChatBatches(user('hi')));
		assert.equal(batches.error, undefined);
		assert.ok(batches.events.every((batch) => batch.events.length > 0), 'no empty batch');
		assert.deepEqual(batches.events.flatMap((batch) => batch.events), one.events);
		assert.equal(outcomes.length, 2);
		assert.ok(outcomes[1].ok && (outcomes[1].usage?.total_tokens ?? 0) > 0);
	});

	it('streamChatBatches: a budget error frame mid-stream comes after the text before it, typed the same', async () => {
		const outcomes: PaidCallOutcome[] = [];
		const client = api.makeClient({ paidCalls: { start: () => (outcome) => outcomes.push(outcome) } });
		await api.emulator.admin.fault({ kind: 'errorFrame', afterChunks: 2, budget: true });
		const { events, error } = await collect(client.streamChatBatches(user('hi')));
		assert.ok(error instanceof BudgetExhaustedError, String(error));
		assert.ok(text(events.flatMap((batch) => [...batch.events])).length > 0, 'the text before it arrived');
		assert.ok(outcomes[0].error instanceof BudgetExhaustedError);
	});

	it('a budget error frame mid-stream is a budget refusal, not a generic stream error', async () => {
		const outcomes: PaidCallOutcome[] = [];
		const client = api.makeClient({ paidCalls: { start: () => (outcome) => outcomes.push(outcome) } });
		await api.emulator.admin.fault({ kind: 'errorFrame', afterChunks: 2, budget: true });
		const { events, error } = await collect(client.streamChat(user('hi')));
		assert.ok(error instanceof BudgetExhaustedError, String(error));
		assert.ok(text(events).length > 0, 'the text before it arrived');
		assert.ok(outcomes[0].error instanceof BudgetExhaustedError);
	});

	it('streams tool-call deltas', async () => {
		const { events } = await collect(api.client.streamChat({
			...user('[[tool:lookup]]'), tools: [{ type: 'function', function: { name: 'lookup' } }],
		}));
		const calls = events.filter((event) => event.type === 'toolCall');
		assert.equal(calls.length, 2);
		assert.ok(calls[0].type === 'toolCall' && calls[0].name === 'lookup' && calls[0].id?.startsWith('call_'));
		assert.equal(calls.map((call) => (call.type === 'toolCall' ? call.argumentsDelta : '')).join(''), '{}');
		assert.deepEqual(events.find((event) => event.type === 'finish'), { type: 'finish', reason: 'tool_calls' });
	});

	it('skips malformed frames, reports them, and keeps the text intact', async () => {
		await api.emulator.admin.fault({ kind: 'malformedSse' });
		const warnings: StreamWarning[] = [];
		const { events, error } = await collect(api.client.streamChat(user('hi'), undefined, { onWarning: (w) => warnings.push(w) }));
		assert.equal(error, undefined);
		assert.equal(text(events), REPLY);
		assert.deepEqual(warnings.map((w) => [w.reason, w.sample, w.skipped]), [['malformedJson', '{not json', 1], ['invalidLine', 'garbage', 2]]);
	});

	for (const withDone of [false, true]) {
		it(`throws StreamError with the partial text on a mid-stream error frame (${withDone ? 'with' : 'without'} [DONE])`, async () => {
			await api.emulator.admin.fault({ kind: 'errorFrame', afterChunks: 3, withDone });
			const { events, error } = await collect(api.client.streamChat(user('hi')));
			assert.ok(error instanceof StreamError);
			assert.equal(error.partialText, 'Streams arrive in ');
			assert.equal(text(events), error.partialText);
			assert.match(error.message, /Upstream provider error \(code 500\)/);
			assert.equal(api.settled, 1);
		});
	}

	it('throws StreamTruncatedError with the partial text when the connection drops', async () => {
		await api.emulator.admin.fault({ kind: 'dropStream', afterChunks: 2 });
		const { events, error } = await collect(api.client.streamChat(user('hi')));
		assert.ok(error instanceof StreamTruncatedError);
		assert.equal(error.partialText, 'Streams arrive ');
		assert.equal(text(events), 'Streams arrive ');
	});

	it('yields every delta of a slow stream', async () => {
		await api.emulator.admin.setConfig({ chunkDelayMs: 15 });
		const { events, error } = await collect(api.client.streamChat(user('hi')));
		assert.equal(error, undefined);
		assert.equal(events.filter((event) => event.type === 'delta').length, REPLY.split(' ').length);
	});

	it('aborts a stalled stream promptly with AbortedError', async () => {
		await api.emulator.admin.fault({ kind: 'stallStream', afterChunks: 2 });
		const controller = new AbortController();
		const events: ChatStreamEvent[] = [];
		let abortedAt = 0;
		const error = await rejection((async () => {
			for await (const event of api.client.streamChat(user('hi'), controller.signal)) {
				events.push(event);
				if (text(events) === 'Streams arrive ') {
					setTimeout(() => {
						abortedAt = performance.now();
						controller.abort();
					}, 20);
				}
			}
		})());
		assert.ok(error instanceof AbortedError);
		assert.ok(abortedAt > 0 && performance.now() - abortedAt < 200, 'the abort ends the stream at once');
		assert.equal(api.settled, 1);
	});

	it('aborts a slow stream between deltas, and stops there', async () => {
		await api.emulator.admin.setConfig({ chunkDelayMs: 40 });
		const controller = new AbortController();
		const { events, error } = await collect((async function* () {
			for await (const event of api.client.streamChat(user('hi'), controller.signal)) {
				yield event;
				if (event.type === 'delta') {
					controller.abort();
				}
			}
		})());
		assert.ok(error instanceof AbortedError);
		assert.equal(text(events), 'Streams ');
	});

	it('does not send anything until the stream is iterated', async () => {
		const stream = api.client.streamChat(user('hi'));
		assert.equal((await api.emulator.admin.requests({ path: '/chat/completions' })).length, 0);
		await collect(stream);
		assert.equal((await api.emulator.admin.requests({ path: '/chat/completions' })).length, 1);
	});
});
