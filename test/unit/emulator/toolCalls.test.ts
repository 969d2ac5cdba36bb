import assert from 'node:assert/strict';
import { chat, signIn, sseBlocks, useEmulator } from './harness';

interface ToolCallDelta {
	index: number;
	id?: string;
	type?: string;
	function: { name?: string; arguments: string };
}

const TOOLS = ['get_weather', 'get_time'].map((name) => ({ type: 'function', function: { name, parameters: { type: 'object' } } }));
const ASK = 'Weather and time? [[tool:get_weather {"city":"Paris","days":[1,2]}]] [[tool:get_time]] [[tool:not_offered]]';

describe('emulator: tool calls with arguments, several per answer', () => {
	const emu = useEmulator();
	let access = '';
	beforeEach(async () => {
		access = (await signIn(emu.url)).access_token;
	});

	it('answers one call per offered [[tool:NAME {json}]] marker, with those arguments (JSON may hold arrays)', async () => {
		const response = await chat(emu.url, access, { messages: [{ role: 'user', content: ASK }], tools: TOOLS });
		assert.equal(response.status, 200);
		const body = (await response.json()) as { choices: Array<{ message: { tool_calls: Array<{ id: string; function: { name: string; arguments: string } }> }; finish_reason: string }> };
		const [choice] = body.choices;
		assert.equal(choice.finish_reason, 'tool_calls');
		assert.deepEqual(choice.message.tool_calls.map((call) => call.function), [
			{ name: 'get_weather', arguments: '{"city":"Paris","days":[1,2]}' },
			{ name: 'get_time', arguments: '{}' },
		]);
		assert.equal(new Set(choice.message.tool_calls.map((call) => call.id)).size, 2);
	});

	it('streams each call as id + name, then its arguments in pieces, told apart by index', async () => {
		const response = await chat(emu.url, access, { messages: [{ role: 'user', content: ASK }], tools: TOOLS, stream: true });
		const chunks = sseBlocks(await response.text()).slice(1, -1).map((block) => JSON.parse(block.slice('data: '.length)) as {
			choices: Array<{ delta: { tool_calls?: ToolCallDelta[] }; finish_reason: string | null }>;
		});
		const deltas = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
		const weather = deltas.filter((delta) => delta.index === 0);
		const time = deltas.filter((delta) => delta.index === 1);
		assert.equal(weather[0].function.name, 'get_weather');
		assert.match(String(weather[0].id), /^call_/);
		assert.ok(weather.length > 3, 'the arguments arrive in several pieces');
		assert.ok(weather.slice(1).every((delta) => delta.id === undefined && delta.function.name === undefined));
		assert.equal(weather.map((delta) => delta.function.arguments).join(''), '{"city":"Paris","days":[1,2]}');
		assert.equal(time[0].function.name, 'get_time');
		assert.equal(time.map((delta) => delta.function.arguments).join(''), '{}');
		assert.equal(chunks.at(-1)?.choices[0].finish_reason, 'tool_calls');
	});
});
