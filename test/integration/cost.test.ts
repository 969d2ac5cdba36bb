import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ChatSink } from '../../src/chat/chatSession';
import { formatCharge, formatCount } from '../../src/platform/costFormat';
import type { CostFeature } from '../../src/cost/registerCost';
import type { SpendAsk } from '../../src/platform/spendingPorts';
import { AiPassChatModelProvider } from '../../src/lm/chatModelProvider';
import type { Logger } from '../../src/platform/log';
import type { HostMessage } from '../../src/shared/chatProtocol';
import type { UsageReportView } from '../../src/shared/usageProtocol';
import { admin, extensionApi, signInFresh, waitFor } from './helpers';
import { ChatResponseRecorder, chatRequest } from './lmHelpers';
import { recordFailures, routeRequests } from './mediaHelpers';

async function features(): Promise<{ cost: CostFeature } & Required<Pick<NonNullable<Awaited<ReturnType<typeof extensionApi>>['testing']>, 'chat' | 'budget'>>> {
	const { testing } = await extensionApi();
	assert.ok(testing.cost && testing.chat && testing.budget, 'cost, chat and budget are in the testing API');
	return { cost: testing.cost, chat: testing.chat, budget: testing.budget };
}

async function spent(): Promise<number> {
	return (await admin().getBudget()).totalCost;
}

function round4(value: number): number {
	return Math.round(value * 10_000) / 10_000;
}

/** Collects what the chat session broadcasts (what the chat view and panel receive). */
async function listen(): Promise<{ messages: HostMessage[]; dispose(): void }> {
	const { chat } = await features();
	const messages: HostMessage[] = [];
	const sink: ChatSink = { post: message => messages.push(message) };
	const registration = chat.session.addSink(sink);
	return { messages, dispose: () => registration.dispose() };
}

async function setConfirmAbove(value: number | undefined): Promise<void> {
	await vscode.workspace.getConfiguration('aipass').update('budget.confirmAbove', value, vscode.ConfigurationTarget.Global);
}

/** One chat answer, so the ledger knows what gpt-5-mini costs. */
async function learnChatPrice(chat: Awaited<ReturnType<typeof features>>['chat'], cost: CostFeature): Promise<void> {
	const started = Date.now();
	await chat.session.send('teach the price of gpt-5-mini', []);
	await waitFor('the price learned', () => cost.ledger.records.find(r => r.charge !== undefined && r.feature === 'chatView' && r.startedAt >= started), 30_000);
}

describe('cost: charges, overlap, guard and refusals (real host, emulator prices)', function () {
	this.timeout(90_000);

	beforeEach(async () => {
		await signInFresh();
		const { budget, chat } = await features();
		(await extensionApi()).testing.setWindowFocus(true); // the debounced refresh after paid requests is where charges are read
		(await extensionApi()).testing.setVideoPollTiming({ intervalMs: 10, retryBaseMs: 10 });
		await budget.refresh(); // the ledger's baseline: the total before this test's requests
		await chat.session.newConversation();
		await chat.models.select('gpt-5-mini');
		await admin().setPrice({ model: 'gpt-5-mini', perRequest: 0.002, inputPerToken: 0.00001, outputPerToken: 0.00003 });
		await admin().clearRequests();
	});

	afterEach(async () => {
		const { budget } = await features();
		(await extensionApi()).testing.setWindowFocus(false);
		(await extensionApi()).testing.setVideoPollTiming(undefined);
		await budget.settled();
		await setConfirmAbove(undefined);
	});

	it('an answer shows exactly what the emulator debited, with its tokens, and the conversation total', async () => {
		const { chat } = await features();
		const listener = await listen();
		try {
			const before = await spent();
			await chat.session.send('What does one answer cost?', []);
			const costMessage = await waitFor('the answer\'s charge', () => listener.messages.find((m): m is Extract<HostMessage, { type: 'messageCost' }> => m.type === 'messageCost'), 30_000);
			const debited = round4((await spent()) - before);
			assert.ok(debited > 0.002, `the emulator debited ${debited}`);
			const answer = chat.session.current.messages.find(m => m.id === costMessage.messageId);
			assert.ok(answer?.cost, 'the charge is stored with the answer');
			assert.equal(answer.cost.charge, debited);
			assert.equal(answer.cost.estimate, false);
			const [request] = await routeRequests('/chat/completions');
			assert.deepEqual((request.body as { stream_options: unknown }).stream_options, { include_usage: true });
			assert.ok(answer.cost.tokens !== undefined && answer.cost.tokens > 0);
			assert.equal(costMessage.cost, `${formatCharge(debited)} · ${formatCount(answer.cost.tokens)} tokens`);
			assert.equal(costMessage.total, `Conversation total: ${formatCharge(debited)}`);
			// Stored, so Conversation History and the export show it too.
			const summary = (await chat.store.list()).find(s => s.id === chat.session.current.id);
			assert.deepEqual(summary?.cost, { amount: debited, estimate: false });
			const markdown = (await chat.exportMarkdown()).getText();
			assert.ok(markdown.includes(`*${formatCharge(debited)} · ${formatCount(answer.cost.tokens)} tokens*`), markdown);
			assert.ok(markdown.includes(`**Conversation total**: ${formatCharge(debited)}`));
			await vscode.commands.executeCommand('workbench.action.closeAllEditors');
		} finally {
			listener.dispose();
		}
	});

	it('two overlapping requests are marked as estimates and add up to what was debited', async () => {
		const { chat, cost } = await features();
		const { testing } = await extensionApi();
		await admin().setConfig({ chunkDelayMs: 40 });
		const before = await spent();
		const other = (async () => {
			for await (const event of testing.client.streamChat({ model: 'gpt-5-mini', messages: [{ role: 'user', content: 'a second, overlapping question' }] },
				undefined, { paid: { feature: 'languageModel', tag: 'overlap-other' } })) {
				void event;
			}
		})();
		await chat.session.send('the first of two overlapping questions', []);
		await other;
		const records = await waitFor('both requests to be charged', () => {
			const answerId = chat.session.current.messages[1]?.id;
			const pair = cost.ledger.records.filter(r => (r.tag === answerId || r.tag === 'overlap-other') && r.charge !== undefined);
			return pair.length === 2 ? pair : undefined;
		}, 30_000);
		const debited = round4((await spent()) - before);
		assert.ok(records.every(r => r.estimate === true), 'overlapping requests cannot be told apart: estimates');
		assert.equal(round4(records.reduce((sum, r) => sum + (r.charge ?? 0), 0)), debited);
		const answer = chat.session.current.messages[1];
		assert.equal(answer.cost?.estimate, true);
		assert.match(String(answer.cost && formatCharge(answer.cost.charge, true)), /^≈ \$0\.\d{4}$/);
	});

	it('the guard asks before an expensive video, and nothing is sent on No', async () => {
		const { cost } = await features();
		await setConfirmAbove(0.5);
		await admin().setPrice({ model: 'sora-2', perUnit: 0.2 });
		const recorder = await recordFailures();
		const asks: string[] = [];
		const answerWith = (command: string) => cost.guard.onDidAsk(ask => {
			asks.push(ask.message);
			void vscode.commands.executeCommand(command);
		});
		const options = { model: 'sora-2', seconds: 4, preview: false, offerRemix: false };
		const started = Date.now();
		try {
			// First use of sora-2: the cost is unknown, so it asks; Yes sends, and the charge teaches the rate.
			let answering = answerWith('workbench.action.acceptSelectedQuickOpenItem');
			const first = await vscode.commands.executeCommand('aipass.video.generate', { ...options, prompt: 'first waves' });
			answering.dispose();
			assert.ok(first, JSON.stringify(recorder.failures));
			assert.match(asks[0], /The cost of sora-2 is not known yet/);
			await waitFor('the video\'s charge', () => cost.ledger.records.find(r => r.feature === 'video' && r.charge !== undefined && r.startedAt >= started), 30_000);
			assert.equal(cost.ledger.estimate('sora-2', { units: 4 }), 0.8);
			await admin().clearRequests();

			// Now it knows: 4 seconds ≈ $0.80, above $0.50. No (Escape) sends nothing.
			answering = answerWith('workbench.action.closeQuickOpen');
			const second = await vscode.commands.executeCommand('aipass.video.generate', { ...options, prompt: 'second waves' });
			answering.dispose();
			assert.equal(second, undefined);
			assert.equal(asks.length, 2);
			assert.match(asks[1], /This will cost about ≈ \$0\.8000\. You have \$\d+\.\d+ left\./);
			assert.deepEqual((await routeRequests('/videos')).length, 0, 'nothing sent');
			assert.equal(recorder.failures.at(-1)?.kind, 'cancelled');
		} finally {
			recorder.dispose();
		}
	});

	it('says so when the estimate exceeds what is left', async () => {
		const { cost } = await features();
		await setConfirmAbove(0.5);
		await admin().setPrice({ model: 'sora-2', perUnit: 0.2 });
		const started = Date.now();
		const answering = cost.guard.onDidAsk(() => void vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem'));
		await vscode.commands.executeCommand('aipass.video.generate', { model: 'sora-2', seconds: 4, prompt: 'learn', preview: false, offerRemix: false });
		answering.dispose();
		await waitFor('the video\'s charge', () => cost.ledger.records.find(r => r.feature === 'video' && r.charge !== undefined && r.startedAt >= started), 30_000);
		await admin().setBudget({ maxBudget: 10, totalCost: 9.5 });
		await (await features()).budget.refresh();
		const ask = cost.guard.question({ feature: 'video', model: 'sora-2', used: { units: 8 }, action: 'Generate' });
		assert.match(ask?.message ?? '', /≈ \$1\.60\. That is more than the \$0\.5000 you have left/);
	});

	it('@aipass asks in the chat response before a request above the threshold, and sends nothing until Send', async () => {
		const { chat, cost } = await features();
		const { testing } = await extensionApi();
		assert.ok(testing.lm?.spend, 'the participant has the spend guard');
		const spend = testing.lm.spend;
		await learnChatPrice(chat, cost);
		await setConfirmAbove(0.05);
		const model = await waitFor('the AI Pass model gpt-5-mini', async () => (await vscode.lm.selectChatModels({ vendor: 'aipass', id: 'gpt-5-mini' }))[0]);
		// A long conversation: a large pasted log, well above $0.05 at the learned rate.
		const prompt = `Why does this fail?\n${'at Object.<anonymous> (src/server.ts:42:13)\n'.repeat(800)}`;
		assert.ok((cost.ledger.estimate('gpt-5-mini', { tokensIn: prompt.length / 4 }) ?? 0) > 0.05);

		const ask = async (answer: 'Send' | "Don't Send"): Promise<{ stream: ChatResponseRecorder; result: vscode.ChatResult }> => {
			await admin().clearRequests();
			const stream = new ChatResponseRecorder();
			const cancel = new vscode.CancellationTokenSource();
			const asked = new Promise<void>(resolve => {
				const subscription = spend.onDidAsk(() => {
					subscription.dispose();
					resolve();
				});
			});
			const running = Promise.resolve(testing.lm?.chatHandler(chatRequest(prompt, model), { history: [] }, stream, cancel.token));
			await asked;
			assert.equal((await routeRequests('/chat/completions')).length, 0, 'nothing sent while the question is open');
			assert.match(stream.text, /This will cost about ≈ \$\d+\.\d+\./);
			assert.deepEqual(stream.buttons.map(b => b.title), ['Send', "Don't Send"]);
			const button = stream.buttons.find(b => b.title === answer);
			assert.ok(button);
			await vscode.commands.executeCommand(button.command, ...(button.arguments ?? []));
			const result = (await running) ?? {};
			cancel.dispose();
			return { stream, result };
		};

		const no = await ask("Don't Send");
		assert.equal(no.result.metadata?.notSent, true);
		assert.equal((await routeRequests('/chat/completions')).length, 0, 'nothing sent on Don\'t Send');
		assert.match(no.stream.text, /Not sent\./);

		const yes = await ask('Send');
		assert.equal(yes.result.errorDetails, undefined);
		assert.equal((await routeRequests('/chat/completions')).length, 1, 'sent once confirmed');
	});

	/**
	 * Runs a media command once to teach the ledger its price, then again on a long text with the
	 * threshold at $0.05; the guard's question is answered No through the quick pick. Returns what it asked.
	 */
	async function declinedAfterLearning(command: string, feature: string, route: string, options: Record<string, unknown>, long: string): Promise<SpendAsk[]> {
		const { cost } = await features();
		const recorder = await recordFailures();
		const asks: SpendAsk[] = [];
		try {
			const started = Date.now();
			// A model with no history is not asked about (only video and image generation are).
			const first = await vscode.commands.executeCommand(command, { ...options, text: 'Learn what this costs.' });
			assert.ok(first, JSON.stringify(recorder.failures));
			await waitFor(`the ${feature} charge`, () => cost.ledger.records.find(r => r.feature === feature && r.charge !== undefined && r.startedAt >= started), 30_000);
			await setConfirmAbove(0.05);
			await admin().clearRequests();
			const answering = cost.guard.onDidAsk(ask => {
				asks.push(ask);
				void vscode.commands.executeCommand('workbench.action.closeQuickOpen');
			});
			const second = await vscode.commands.executeCommand(command, { ...options, text: long });
			answering.dispose();
			assert.equal(second, undefined);
			assert.equal(asks.length, 1);
			assert.equal((await routeRequests(route)).length, 0, 'nothing sent');
			assert.equal(recorder.failures.at(-1)?.kind, 'cancelled');
			return asks;
		} finally {
			recorder.dispose();
		}
	}

	it('Read Aloud of a long text above the threshold asks first, and sends nothing on No', async () => {
		await admin().setPrice({ model: 'tts-1', perUnit: 0.0001 });
		const long = 'A long chapter read aloud costs by the character. '.repeat(60);
		const [ask] = await declinedAfterLearning('aipass.speech.readAloud', 'speech', '/audio/speech', { model: 'tts-1', play: false }, long);
		const estimate = ask.estimate ?? 0;
		assert.ok(Math.abs(estimate - 0.0001 * long.length) < 0.001, `${estimate}: the learned price per character`);
		assert.match(ask.message, /^This will cost about ≈ \$0\.\d{4}\. You have \$\d+\.\d+ left\.$/);
		assert.ok(ask.message.includes(formatCharge(estimate, true)));
	});

	it('Embed Selection of a long text above the threshold asks first, and sends nothing on No', async () => {
		await admin().setPrice({ model: 'text-embedding-3-small', inputPerToken: 0.0001 });
		const long = 'Embeddings of a whole document are billed by the token. '.repeat(80);
		const [ask] = await declinedAfterLearning('aipass.embeddings.embedSelection', 'embeddings', '/embeddings', { model: 'text-embedding-3-small', output: 'clipboard' }, long);
		assert.ok((ask.estimate ?? 0) > 0.05, `${ask.estimate}`);
	});

	it('vscode.lm requests above the threshold are sent without a question (other extensions call them), and logged', async () => {
		const { chat, cost } = await features();
		const { testing } = await extensionApi();
		await learnChatPrice(chat, cost);
		await setConfirmAbove(0.05);
		await admin().clearRequests();
		const lines: string[] = [];
		const log: Logger = { trace: () => undefined, info: line => lines.push(line), warn: line => lines.push(line), error: line => lines.push(String(line)), child: () => log };
		const provider = new AiPassChatModelProvider({ ...testing, auth: testing.authProvider }, log, cost.guard);
		let asked = 0;
		const asking = cost.guard.onDidAsk(() => asked++);
		const cancel = new vscode.CancellationTokenSource();
		try {
			const info = (await provider.provideLanguageModelChatInformation({ silent: true })).find(m => m.id === 'gpt-5-mini');
			assert.ok(info, 'gpt-5-mini is offered');
			const prompt = `Summarise:\n${'a long document line that another extension sends\n'.repeat(800)}`;
			await provider.provideLanguageModelChatResponse(info, [vscode.LanguageModelChatMessage.User(prompt)], { toolMode: vscode.LanguageModelChatToolMode.Auto }, { report: () => undefined }, cancel.token);
			assert.equal((await routeRequests('/chat/completions')).length, 1, 'sent without a question');
			assert.equal(asked, 0);
			assert.ok(lines.some(line => /above aipass\.budget\.confirmAbove: sent without asking/.test(line)), lines.join('\n'));
		} finally {
			asking.dispose();
			cancel.dispose();
			provider.dispose();
		}
	});

	it('pinning a question\'s images is saved with the conversation and re-sends them', async () => {
		const { chat } = await features();
		const png = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
		const listener = await listen();
		try {
			await chat.session.send('what is this?', [{ name: 'dot.png', dataUrl: png }]);
			const question = chat.session.current.messages[0];
			await chat.session.pinImages(question.id, true);
			assert.ok(listener.messages.some(m => m.type === 'messagePinned' && m.messageId === question.id && m.pinned));
			assert.equal((await chat.store.load(chat.session.current.id))?.messages[0]?.pinned, true, 'saved');
			await admin().clearRequests();
			await chat.session.send('and again?', []);
			const [request] = await routeRequests('/chat/completions');
			assert.match(JSON.stringify(request.body), /image_url/);
		} finally {
			listener.dispose();
		}
	});

	it('a budget error frame mid-stream shows Top Up and turns the status bar red', async () => {
		const { chat, budget } = await features();
		(await extensionApi()).testing.setWindowFocus(false); // no re-read: the refusal itself must turn it red
		const listener = await listen();
		try {
			assert.notEqual(budget.state, 'exhausted');
			await admin().fault({ kind: 'errorFrame', afterChunks: 2, budget: true });
			await chat.session.send('one two three four five', []);
			const finished = listener.messages.find((m): m is Extract<HostMessage, { type: 'messageFinished' }> => m.type === 'messageFinished');
			assert.equal(finished?.status, 'error');
			assert.equal(finished.error?.kind, 'budget');
			assert.deepEqual(finished.error.actions, ['topUp', 'retry']);
			assert.equal(budget.state, 'exhausted');
			assert.equal(budget.view.background, 'statusBarItem.errorBackground');
		} finally {
			listener.dispose();
		}
	});

	it('the usage panel opens (command and budget details) with the ledger\'s figures', async () => {
		const { chat, cost } = await features();
		const started = Date.now();
		await chat.session.send('something to chart', []);
		await waitFor('a charge', () => cost.ledger.records.find(r => r.charge !== undefined && r.feature === 'chatView' && r.startedAt >= started), 30_000);
		const posted = new Promise<UsageReportView>(resolve => {
			const subscription = cost.usagePanel.onDidPost(report => {
				subscription.dispose();
				resolve(report);
			});
		});
		await vscode.commands.executeCommand('aipass.budget.showUsage');
		const report = await posted;
		assert.equal(report.perDay.length, 30);
		assert.ok(report.byFeature.some(bar => bar.label === 'Chat view'));
		assert.ok(report.byModel.some(bar => bar.label === 'gpt-5-mini'));
		assert.ok(report.perDay[29].amount > 0, 'today\'s bar');
		const { budget } = await features();
		assert.ok(budget.details(true).items.some(item => item.id === 'showUsage'), 'also offered in the budget details');
		assert.match(budget.view.tooltip.value, /\$\(graph\) Today \$\d+\.\d+ · last 7 days \$\d+\.\d+ · \$\d+\.\d+\/day(, lasts about \d+ days at your last-7-days rate)? · \[Usage\]\(command:aipass\.budget\.showUsage\)/);
		await vscode.commands.executeCommand('workbench.action.closeAllEditors');
	});
});
