import assert from 'node:assert/strict';
import { MalformedToolCallError, ToolCallAccumulator } from '../../../src/lm/toolCalls';
import { useEmulator } from '../api/helpers';

const TOOLS = ['get_weather', 'get_time'].map((name) => ({ type: 'function' as const, function: { name, parameters: { type: 'object' } } }));

describe('lm: tool calls gathered from a real stream (emulator)', () => {
	const api = useEmulator();

	it('puts two interleaved calls together from their streamed pieces, in index order', async () => {
		const calls = new ToolCallAccumulator();
		let deltas = 0;
		for await (const event of api.client.streamChat({
			model: 'gpt-5-mini',
			messages: [{ role: 'user', content: 'Go [[tool:get_weather {"city":"Paris","days":[1,2,3]}]] [[tool:get_time]]' }],
			tools: TOOLS,
		})) {
			if (event.type === 'toolCall') {
				calls.add(event);
				deltas++;
			}
		}
		assert.ok(deltas > 4, `the arguments came in pieces (${deltas} deltas)`);
		const [weather, time, ...rest] = calls.drain();
		assert.equal(rest.length, 0);
		assert.equal(weather.name, 'get_weather');
		assert.match(weather.callId, /^call_/);
		assert.deepEqual(weather.input, { city: 'Paris', days: [1, 2, 3] });
		assert.equal(time.name, 'get_time');
		assert.deepEqual(time.input, {});
		assert.notEqual(weather.callId, time.callId);
		assert.equal(calls.size, 0, 'drained');
	});
});

describe('lm: tool call accumulator edge cases', () => {
	it('keeps the first id and name when a gateway repeats them on every delta', () => {
		const calls = new ToolCallAccumulator();
		calls.add({ type: 'toolCall', index: 0, id: 'call_a', name: 'lookup', argumentsDelta: '{"q":' });
		calls.add({ type: 'toolCall', index: 0, id: 'call_a', name: 'lookup', argumentsDelta: '"x"}' });
		assert.deepEqual(calls.drain(), [{ callId: 'call_a', name: 'lookup', input: { q: 'x' } }]);
	});

	it('reads empty arguments as {} and invents an id when the model sent none', () => {
		const calls = new ToolCallAccumulator();
		calls.add({ type: 'toolCall', index: 2, name: 'ping', argumentsDelta: '' });
		assert.deepEqual(calls.drain(), [{ callId: 'call_2', name: 'ping', input: {} }]);
	});

	it('refuses arguments that are not a JSON object, and a call without a name', () => {
		for (const args of ['{"broken":', '[1,2]', '"text"']) {
			const calls = new ToolCallAccumulator();
			calls.add({ type: 'toolCall', index: 0, id: 'c', name: 'f', argumentsDelta: args });
			assert.throws(() => calls.drain(), MalformedToolCallError, args);
		}
		const nameless = new ToolCallAccumulator();
		nameless.add({ type: 'toolCall', index: 0, id: 'c', argumentsDelta: '{}' });
		assert.throws(() => nameless.drain(), /has no name/);
	});
});
