import assert from 'node:assert/strict';
import { api, chat, signIn, useEmulator } from './harness';

interface Completion {
	id: string;
	object: string;
	created: number;
	model: string;
	choices: Array<{ index: number; message: { role: string; content: string | null; tool_calls?: Array<Record<string, unknown>> }; finish_reason: string }>;
	usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
}

const TOOLS = [{ type: 'function', function: { name: 'get_time', parameters: { type: 'object', properties: {} } } }];

describe('emulator: chat completions and budget', () => {
	const emu = useEmulator();
	let access = '';
	beforeEach(async () => {
		access = (await signIn(emu.url)).access_token;
	});

	async function complete(body: Record<string, unknown>): Promise<Completion> {
		const response = await chat(emu.url, access, body);
		assert.equal(response.status, 200);
		return (await response.json()) as Completion;
	}

	async function summary(): Promise<{ totalCost: number; maxBudget: number; remainingBudget: number }> {
		const response = await fetch(`${emu.url}/api/v1/usage/me/summary`, { headers: { Authorization: `Bearer ${access}` } });
		return ((await response.json()) as { data: { totalCost: number; maxBudget: number; remainingBudget: number } }).data;
	}

	it('echoes the last user message as a chat.completion with usage', async () => {
		const body = await complete({
			messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'first' }, { role: 'assistant', content: 'ok' }, { role: 'user', content: 'Hello there' }],
		});
		assert.match(body.id, /^chatcmpl-/);
		assert.equal(body.object, 'chat.completion');
		assert.equal(body.model, 'gpt-5-mini');
		assert.deepEqual(body.choices, [{ index: 0, message: { role: 'assistant', content: 'Echo: Hello there' }, finish_reason: 'stop' }]);
		// prompt chars 9 + 5 + 2 + 11 = 27 → 7 tokens; completion 17 chars → 5 tokens
		assert.deepEqual(body.usage, { prompt_tokens: 7, completion_tokens: 5, total_tokens: 12 });
	});

	it('answers canned replies: queued once-replies first, then the sticky one', async () => {
		await emu.admin.setChatReply({ content: 'sticky' });
		await emu.admin.setChatReply({ content: 'one', once: true });
		await emu.admin.setChatReply({ content: 'two', once: true });
		const replies: Array<string | null> = [];
		for (let i = 0; i < 3; i++) {
			replies.push((await complete({ messages: [{ role: 'user', content: 'x' }] })).choices[0].message.content);
		}
		assert.deepEqual(replies, ['one', 'two', 'sticky']);
	});

	it('answers a tool call when the user asks for [[tool:NAME]] and the tool is offered', async () => {
		const body = await complete({ messages: [{ role: 'user', content: 'What time? [[tool:get_time]]' }], tools: TOOLS });
		const [choice] = body.choices;
		assert.equal(choice.finish_reason, 'tool_calls');
		assert.equal(choice.message.content, null);
		assert.equal(choice.message.tool_calls?.length, 1);
		const [call] = choice.message.tool_calls ?? [];
		assert.match(String(call.id), /^call_/);
		assert.deepEqual({ ...call, id: '' }, { id: '', type: 'function', function: { name: 'get_time', arguments: '{}' } });
		const plain = await complete({ messages: [{ role: 'user', content: '[[tool:get_time]]' }] });
		assert.equal(plain.choices[0].finish_reason, 'stop');
	});

	it('rejects malformed messages with 400 invalid_request_error', async () => {
		for (const body of [
			{ messages: [] },
			{ messages: [{ role: 'wizard', content: 'x' }] },
			{ messages: [{ role: 'user', content: 42 }] },
			{ messages: [{ role: 'user', content: [{ type: 'video', url: 'x' }] }] },
			{ messages: [{ role: 'user', content: 'x' }], temperature: 9 },
			{ messages: [{ role: 'user', content: 'x' }], stream_options: { include_usage: true } },
		]) {
			const response = await chat(emu.url, access, body);
			assert.equal(response.status, 400, JSON.stringify(body));
			const error = ((await response.json()) as { error: { type: string; code: string; message: string } }).error;
			assert.equal(error.type, 'invalid_request_error');
			assert.equal(error.code, '400');
		}
	});

	it('debits the budget by 0.002 + 0.000001 per prompt and completion character', async () => {
		await complete({ messages: [{ role: 'user', content: 'Hello there' }] }); // 11 + 17 chars
		assert.deepEqual(await summary(), { totalCost: 2.452, maxBudget: 10, remainingBudget: 7.548 });
		assert.equal((await emu.admin.getBudget('u_ada')).totalCost, 2.452);
		assert.equal((await emu.admin.getBudget('u_grace')).totalCost, 2.45);
	});

	it('answers 402 insufficient_balance once the balance is exhausted; the crossing call succeeds', async () => {
		await emu.admin.setBudget({ maxBudget: 5, totalCost: 4.999 });
		await complete({ messages: [{ role: 'user', content: 'x' }] });
		assert.ok((await summary()).remainingBudget < 0);
		const response = await chat(emu.url, access, { messages: [{ role: 'user', content: 'x' }] });
		assert.equal(response.status, 402);
		const body = (await response.json()) as Record<string, unknown>;
		assert.deepEqual({ ...body, timestamp: 'x' }, {
			success: false, message: 'Insufficient balance. Please top up your AI Pass wallet.', error: 'insufficient_balance', timestamp: 'x',
		});
		const models = await api(emu.url, access, '/models');
		assert.equal(models.status, 200, 'free routes stay open');
		await models.body?.cancel();
	});

	it('answers LiteLLM 400 budget_exceeded with budgetErrorStyle "litellm"', async () => {
		await emu.admin.setConfig({ budgetErrorStyle: 'litellm' });
		await emu.admin.setBudget({ maxBudget: 10, totalCost: 10 });
		const response = await chat(emu.url, access, { messages: [{ role: 'user', content: 'x' }] });
		assert.equal(response.status, 400);
		assert.deepEqual(await response.json(), {
			error: { message: 'Budget has been exceeded! Current cost: 10, Max budget: 10', type: 'budget_exceeded', param: null, code: '400' },
		});
	});
});
