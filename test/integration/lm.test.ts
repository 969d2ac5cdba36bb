import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { base64ToBytes, bytesToBase64 } from '../../src/api/bytes';
import { admin, extensionApi, signOutEverywhere, waitFor } from './helpers';
import { chatBodies, ChatResponseRecorder, chatRequest, historyTurns, readResponse } from './lmHelpers';

const chatModelIds = ['claude-haiku-4-5', 'gemini-2.5-flash-lite', 'gpt-5-mini', 'gpt-5-nano'];
const justification = 'The AI Pass integration tests exercise the AI Pass models.';
/** A 1x1 PNG. */
const png = base64ToBytes('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==');

async function aipassModels(): Promise<vscode.LanguageModelChat[]> {
	return vscode.lm.selectChatModels({ vendor: 'aipass' });
}

async function signedIn(): Promise<void> {
	const { testing } = await extensionApi();
	await testing.authProvider.createSession([]);
}

async function model(id: string): Promise<vscode.LanguageModelChat> {
	return waitFor(`the AI Pass model ${id}`, async () => (await vscode.lm.selectChatModels({ vendor: 'aipass', id }))[0]);
}

async function lm(): Promise<NonNullable<Awaited<ReturnType<typeof extensionApi>>['testing']['lm']>> {
	const { testing } = await extensionApi();
	assert.ok(testing.lm, 'the extension exposes its language model feature in test mode');
	return testing.lm;
}

function resetEach(): void {
	beforeEach(async () => {
		await admin().reset();
		await signOutEverywhere();
		await admin().setConfig({ autoApprove: 'allow' });
		await admin().clearRequests();
	});
}

describe('language model provider (vscode.lm, real host, emulator)', function () {
	this.timeout(60_000);
	resetEach();

	it('offers no models signed out, the catalog\'s chat models signed in, and announces both changes', async () => {
		assert.deepEqual(await aipassModels(), []);
		let changes = 0;
		const listener = vscode.lm.onDidChangeChatModels(() => changes++);
		try {
			await signedIn();
			const models = await waitFor('AI Pass models after sign-in', async () => {
				const found = await aipassModels();
				return found.length > 0 ? found : undefined;
			});
			assert.deepEqual(models.map(m => m.id).sort(), chatModelIds);
			const mini = models.find(m => m.id === 'gpt-5-mini')!;
			assert.deepEqual([mini.vendor, mini.name, mini.family, mini.version, mini.maxInputTokens], ['aipass', 'gpt-5-mini', 'gpt-5-mini', 'gpt-5-mini', 128_000]);
			await waitFor('onDidChangeChatModels after sign-in', () => changes > 0 || undefined);
			const before = changes;
			await signOutEverywhere();
			await waitFor('no AI Pass models after sign-out', async () => (await aipassModels()).length === 0 || undefined);
			await waitFor('onDidChangeChatModels after sign-out', () => changes > before || undefined);
		} finally {
			listener.dispose();
		}
	});

	it('describes capabilities from the catalog: images for vision models, tools for all', async () => {
		await signedIn();
		const infos = await (await lm()).provider.provideLanguageModelChatInformation({ silent: true });
		const byId = new Map(infos.map(info => [info.id, info]));
		assert.deepEqual(byId.get('gpt-5-mini')?.capabilities, { imageInput: true, toolCalling: true });
		assert.deepEqual(byId.get('gpt-5-nano')?.capabilities, { imageInput: false, toolCalling: true });
		assert.equal(byId.get('claude-haiku-4-5')?.maxOutputTokens, 64_000);
	});

	it('signs in when VS Code asks non-silently (the user manages AI Pass models), not when silent', async () => {
		const { provider } = await lm();
		assert.deepEqual(await provider.provideLanguageModelChatInformation({ silent: true }), []);
		assert.equal((await admin().requests({ path: '/oauth2/authorize' })).length, 0, 'a silent query never starts a sign-in');
		const infos = await provider.provideLanguageModelChatInformation({ silent: false });
		assert.deepEqual(infos.map(i => i.id).sort(), chatModelIds);
		assert.equal((await (await extensionApi()).testing.authProvider.getSessions()).length, 1);
	});

	it('streams the emulator\'s answer through model.sendRequest and refreshes the budget indicator', async () => {
		await signedIn();
		const { testing } = await extensionApi();
		let settled = 0;
		const listener = testing.onDidSettlePaidRequest(() => settled++);
		try {
			const mini = await model('gpt-5-mini');
			const response = await mini.sendRequest([vscode.LanguageModelChatMessage.User('Hello from VS Code chat')], { justification });
			const { text, parts, error } = await readResponse(response);
			assert.equal(error, undefined);
			assert.equal(text, 'Echo: Hello from VS Code chat');
			assert.ok(parts.length > 1, `the answer arrived in pieces (${parts.length})`);
			const [body] = await chatBodies();
			assert.equal(body.model, 'gpt-5-mini');
			assert.equal(body.stream, true);
			assert.deepEqual(body.messages, [{ role: 'user', content: 'Hello from VS Code chat' }]);
			assert.equal(settled, 1, 'the paid-request hook fired once');
			assert.equal(await mini.countTokens('twelve chars'), 3, 'characters / 4, rounded up');
		} finally {
			listener.dispose();
		}
	});

	it('stops the stream when the caller cancels, and aborts the HTTP request', async () => {
		await signedIn();
		const { testing } = await extensionApi();
		// The emulator sends two words, then holds the stream open forever: only an abort ends the request.
		await admin().setChatReply({ content: 'one two three four five' });
		await admin().fault({ kind: 'stallStream', afterChunks: 2 });
		let settled = 0;
		const listener = testing.onDidSettlePaidRequest(() => settled++);
		try {
			const cancel = new vscode.CancellationTokenSource();
			const response = await (await model('gpt-5-mini')).sendRequest([vscode.LanguageModelChatMessage.User('talk')], { justification }, cancel.token);
			const { text, error } = await readResponse(response, () => cancel.cancel());
			// The cancellation crosses to the provider asynchronously: the second word may already be on its way.
			assert.ok(['one ', 'one two '].includes(text), `only what was sent before the stall arrives (${JSON.stringify(text)})`);
			assert.equal((error as Error | undefined)?.name, 'Canceled', `the stream ends with a cancellation, not ${String(error)}`);
			await waitFor('the HTTP request to be aborted', () => settled === 1 || undefined);
			assert.equal((await chatBodies()).length, 1, 'the emulator saw the request');
		} finally {
			listener.dispose();
		}
	});

	it('reports an exhausted budget (HTTP 402) as a clear Blocked error', async () => {
		await signedIn();
		await admin().setBudget({ totalCost: 10, maxBudget: 10 });
		const mini = await model('gpt-5-mini');
		const error = await mini.sendRequest([vscode.LanguageModelChatMessage.User('hi')], { justification })
			.then(response => readResponse(response).then(result => result.error), (e: unknown) => e);
		assert.ok(error instanceof vscode.LanguageModelError, `a LanguageModelError, not ${String(error)}`);
		assert.equal(error.code, 'Blocked');
		assert.match(error.message, /budget is used up/i);
		const [entry] = await admin().requests({ path: '/chat/completions' });
		assert.equal(entry.status, 402);
	});

	it('turns streamed tool calls into LanguageModelToolCallParts and sends results back as tool messages', async () => {
		await signedIn();
		const mini = await model('gpt-5-mini');
		const tools: vscode.LanguageModelChatTool[] = [{ name: 'get_weather', description: 'Weather for a city', inputSchema: { type: 'object', properties: { city: { type: 'string' } } } }];
		const ask = vscode.LanguageModelChatMessage.User('Weather? [[tool:get_weather {"city":"Paris","days":[1,2]}]]');
		const first = await readResponse(await mini.sendRequest([ask], { justification, tools }));
		assert.equal(first.error, undefined);
		const calls = first.parts.filter((p): p is vscode.LanguageModelToolCallPart => p instanceof vscode.LanguageModelToolCallPart);
		assert.equal(calls.length, 1);
		assert.equal(calls[0].name, 'get_weather');
		assert.deepEqual(calls[0].input, { city: 'Paris', days: [1, 2] });
		assert.match(calls[0].callId, /^call_/);

		const second = await readResponse(await mini.sendRequest([
			ask,
			vscode.LanguageModelChatMessage.Assistant([calls[0]]),
			vscode.LanguageModelChatMessage.User([new vscode.LanguageModelToolResultPart(calls[0].callId, [new vscode.LanguageModelTextPart('Sunny, 21°C')]), new vscode.LanguageModelTextPart('Summarise that')]),
		], { justification, tools }));
		assert.equal(second.text, 'Echo: Summarise that');
		const [firstBody, secondBody] = await chatBodies();
		assert.deepEqual(firstBody.tools, [{ type: 'function', function: { name: 'get_weather', description: 'Weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }]);
		assert.deepEqual(secondBody.messages.slice(1), [
			{ role: 'assistant', content: null, tool_calls: [{ id: calls[0].callId, type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris","days":[1,2]}' } }] },
			{ role: 'tool', tool_call_id: calls[0].callId, content: 'Sunny, 21°C' },
			{ role: 'user', content: 'Summarise that' },
		]);
	});

	it('sends image data parts to vision models as data URLs and leaves them out for the others', async () => {
		await signedIn();
		const DataPart = (vscode as unknown as { LanguageModelDataPart?: { image(data: Uint8Array, mime: string): unknown } }).LanguageModelDataPart;
		assert.ok(DataPart, 'this VS Code has LanguageModelDataPart');
		const message = (): vscode.LanguageModelChatMessage => vscode.LanguageModelChatMessage.User([new vscode.LanguageModelTextPart('What is this?'), DataPart.image(png, 'image/png') as vscode.LanguageModelTextPart]);
		const vision = await readResponse(await (await model('gpt-5-mini')).sendRequest([message()], { justification }));
		assert.equal(vision.text, 'Echo: What is this?\nImage 1: png 1x1, 70 bytes (declared image/png)');
		const blind = await readResponse(await (await model('gpt-5-nano')).sendRequest([message()], { justification }));
		assert.equal(blind.error, undefined);
		assert.match(blind.text, /^Echo: What is this\?\[An image was left out: this model does not accept images\.\]$/);
		const [visionBody] = await chatBodies();
		assert.deepEqual(visionBody.messages[0], { role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: `data:image/png;base64,${bytesToBase64(png)}` } }] });
	});
});

describe('@aipass chat participant (real host, emulator)', function () {
	this.timeout(60_000);
	resetEach();

	async function ask(request: vscode.ChatRequest, history: (vscode.ChatRequestTurn | vscode.ChatResponseTurn)[] = [], token = new vscode.CancellationTokenSource().token): Promise<{ result: vscode.ChatResult; stream: ChatResponseRecorder }> {
		const stream = new ChatResponseRecorder();
		const result = await (await lm()).chatHandler(request, { history }, stream, token) ?? {};
		return { result, stream };
	}

	/** A model of another vendor as VS Code would pass it when the user picked one (only vendor and id are read). */
	const otherVendorModel = { vendor: 'copilot', id: 'gpt-4o', name: 'GPT-4o', family: 'gpt-4o', version: '1', maxInputTokens: 1 } as vscode.LanguageModelChat;

	it('answers with the picked AI Pass model and sends the conversation so far', async () => {
		await signedIn();
		const nano = await model('gpt-5-nano');
		const { result, stream } = await ask(chatRequest('And now?', nano), [...historyTurns('First question', 'First answer'), ...historyTurns('', '| table |', 'budget')]);
		assert.equal(result.errorDetails, undefined);
		assert.equal(stream.text, 'Echo: And now?');
		assert.ok(stream.markdownParts.length > 1, 'streamed in pieces');
		assert.equal(result.metadata?.model, 'gpt-5-nano');
		const [body] = await chatBodies();
		assert.equal(body.model, 'gpt-5-nano');
		assert.equal(body.messages[0].role, 'system');
		assert.deepEqual(body.messages.slice(1), [
			{ role: 'user', content: 'First question' },
			{ role: 'assistant', content: 'First answer' },
			{ role: 'user', content: 'And now?' },
		], 'history mapped to messages; /budget reports left out');
	});

	it('uses aipass.chat.model when the picked model is not an AI Pass model', async () => {
		await signedIn();
		const config = vscode.workspace.getConfiguration('aipass');
		await config.update('chat.model', 'claude-haiku-4-5', vscode.ConfigurationTarget.Global);
		try {
			const { stream } = await ask(chatRequest('Which model?', otherVendorModel));
			assert.equal(stream.text, 'Echo: Which model?');
			assert.equal((await chatBodies())[0].model, 'claude-haiku-4-5');
		} finally {
			await config.update('chat.model', undefined, vscode.ConfigurationTarget.Global);
		}
	});

	it('inlines attached files as context', async () => {
		await signedIn();
		const { playbook } = await lm();
		const reference: vscode.ChatPromptReference = { id: 'vscode.file', value: playbook.uri };
		await ask(chatRequest('Summarise the attachment', otherVendorModel, { references: [reference] }));
		const user = (await chatBodies())[0].messages.at(-1);
		assert.equal(user?.role, 'user');
		assert.match(String(user?.content), /^Attached context:\n\n.*aipass-rest-playbook\.txt\n```\n1\) Create an OAuth2 client/s);
		assert.match(String(user?.content), /Summarise the attachment$/);
	});

	it('refuses an attached file over 2 MB from its size, and says so in the answer', async () => {
		await signedIn();
		const root = vscode.workspace.workspaceFolders?.[0]?.uri;
		assert.ok(root);
		const big = vscode.Uri.joinPath(root, 'big-[x](command:aipass.signOut).log');
		await vscode.workspace.fs.writeFile(big, new TextEncoder().encode('secret line\n'.repeat(300_000)));
		try {
			const reference: vscode.ChatPromptReference = { id: 'vscode.file', value: big };
			const { stream } = await ask(chatRequest('Summarise the attachment', otherVendorModel, { references: [reference] }));
			assert.match(stream.text.replace(/\\/g, ''), /big-\[x\]\(command:aipass\.signOut\)\.log was not attached: it is 3\.4 MB, and attachments are read up to 2 MB\./);
			assert.ok(!stream.text.includes('[x](command:'), `the file name is text, not a link: ${stream.text}`);
			const user = (await chatBodies())[0].messages.at(-1);
			assert.equal(String(user?.content), 'Summarise the attachment', 'nothing of the file is sent');
		} finally {
			await vscode.workspace.fs.delete(big);
		}
	});

	it('/budget shows the usage summary as a table, the spending over time, and the usage panel', async () => {

		await signedIn();
		const { result, stream } = await ask(chatRequest('', otherVendorModel, { command: 'budget' }));
		assert.equal(result.errorDetails, undefined);
		assert.match(stream.text, /\| Spent \| \$2\.45 \|\n\| Budget \| \$10\.00 \|\n\| \*\*Remaining\*\* \| \*\*\$7\.55\*\* \|/);
		assert.match(stream.text, /\| Today \| \$\d+\.\d+ \|[\s\S]*\| Feature \| Requests \| USD \|[\s\S]*\| Model \| Requests \| USD \||Nothing spent through this extension in the last 30 days\./);
		assert.deepEqual(stream.buttons.map(b => b.command), ['aipass.budget.showUsage']);
		assert.equal((await chatBodies()).length, 0, 'no paid request for a report');
	});

	it('/models lists the catalog grouped by type, chat models first', async () => {
		await signedIn();
		const { stream } = await ask(chatRequest('', otherVendorModel, { command: 'models' }));
		const headings = [...stream.text.matchAll(/^### (.+)$/gm)].map(m => m[1]);
		assert.deepEqual(headings, ['Chat (text) (4)', 'Image (5)', 'Audio (3)', 'Embeddings (2)', 'Video (2)']);
		assert.match(stream.text, /- `gpt-5-mini` — vision, chat_completions \(default for @aipass\)/);
		assert.match(stream.text, /- `whisper-1` — audio_transcription/);
	});

	it('/integrate flutter answers from the model with the shipped playbook as system context', async () => {
		await signedIn();
		const { result, stream } = await ask(chatRequest('flutter with riverpod', await model('gpt-5-mini'), { command: 'integrate' }));
		assert.equal(result.errorDetails, undefined);
		assert.equal(stream.text, 'Echo: Integrate AI Pass into my flutter project.\n\nwith riverpod');
		const { playbook } = await lm();
		assert.deepEqual(stream.references.map(String), [playbook.uri.toString()]);
		const system = (await chatBodies())[0].messages[0];
		assert.equal(system.role, 'system');
		const content = String(system.content);
		assert.match(content, /into a flutter app/);
		for (const fromPlaybook of ['POST /api/v1/oauth2/clients', 'final verifier = generateRandomString(64);', '"grantType": "refresh_token"', 'GET https://aipass.one/api/v1/usage/me/summary']) {
			assert.ok(content.includes(fromPlaybook), `the system prompt carries the playbook (${fromPlaybook})`);
		}
	});

	it('/integrate without a platform explains itself without a paid request', async () => {
		await signedIn();
		const { stream } = await ask(chatRequest('  ', otherVendorModel, { command: 'integrate' }));
		assert.match(stream.text, /@aipass \/integrate flutter/);
		assert.match(stream.text, /Flutter, Web \(browser JavaScript\), Node\.js, Python, CLI \(curl\)/);
		assert.equal((await chatBodies()).length, 0);
	});

	it('turns an exhausted budget and a missing sign-in into clear error details with a way out', async () => {
		await signedIn();
		await admin().setBudget({ totalCost: 10, maxBudget: 10 });
		const broke = await ask(chatRequest('hi', otherVendorModel));
		assert.match(broke.result.errorDetails?.message ?? '', /budget is used up/i);
		assert.deepEqual(broke.stream.buttons.map(b => b.command), ['vscode.open']);
		await signOutEverywhere();
		const signedOut = await ask(chatRequest('hi', otherVendorModel));
		assert.match(signedOut.result.errorDetails?.message ?? '', /not signed in to AI Pass/);
		assert.deepEqual(signedOut.stream.buttons.map(b => b.command), ['aipass.signIn']);
	});

	it('offers Choose Another Model for a model AI Pass does not offer, and only the message for a 503 (the chat view has its own retry)', async () => {
		await signedIn();
		const unknown = { ...otherVendorModel, vendor: 'aipass', id: 'no-such-model' } as vscode.LanguageModelChat;
		const refused = await ask(chatRequest('hi', unknown));
		assert.match(refused.result.errorDetails?.message ?? '', /The model "no-such-model" is not available on AI Pass/);
		assert.deepEqual(refused.stream.buttons.map(b => [b.command, b.title]), [['aipass.lm.manage', 'Choose Another Model']]);
		assert.equal(refused.result.metadata?.next, 'chooseModel');
		await admin().fault({ kind: 'serverError', status: 503, path: '/chat/completions' });
		const down = await ask(chatRequest('hi', otherVendorModel));
		assert.match(down.result.errorDetails?.message ?? '', /temporary problem/);
		assert.deepEqual(down.stream.buttons, []);
		assert.equal(down.result.metadata?.next, 'retry');
	});

	it('stops quietly when the chat request is cancelled', async () => {
		await signedIn();
		await admin().setChatReply({ content: 'one two three four five' });
		await admin().fault({ kind: 'stallStream', afterChunks: 2 });
		const cancel = new vscode.CancellationTokenSource();
		const stream = new ChatResponseRecorder();
		const original = stream.markdown.bind(stream);
		stream.markdown = value => {
			original(value);
			cancel.cancel();
		};
		// Returns at all only because the cancellation aborts the stalled HTTP stream.
		const result = await (await lm()).chatHandler(chatRequest('talk', otherVendorModel), { history: [] }, stream, cancel.token) ?? {};
		assert.deepEqual(result, {}, 'no error details for a cancellation');
		assert.equal(stream.text, 'one ');
	});
});

describe('AI Pass: Manage Language Models (aipass.lm.manage)', function () {
	this.timeout(60_000);
	resetEach();

	it('signs in when signed out', async () => {
		await vscode.commands.executeCommand('aipass.lm.manage');
		const sessions = await (await extensionApi()).testing.authProvider.getSessions();
		assert.equal(sessions.length, 1);
		assert.ok((await aipassModels()).length > 0, 'and the AI Pass models appear');
	});
});
