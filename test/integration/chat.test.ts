import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ChatSession } from '../../src/chat/chatSession';
import { insertAtCursor, openInNewEditor, openLink } from '../../src/chat/codeActions';
import { ConversationStore } from '../../src/chat/conversationStore';
import { LastEditor } from '../../src/chat/editorContext';
import { chatStorageFolder, WorkspaceBlobStore } from '../../src/chat/workspaceBlobStore';
import type { ChatFeature } from '../../src/chat/registerChat';
import { admin, extensionApi, extensionId, signInFresh, signOutEverywhere, waitFor } from './helpers';
import { hostInfo } from './hostInfo';

const chatCommands = [
	'aipass.chat.open', 'aipass.chat.newConversation', 'aipass.chat.openInEditor', 'aipass.chat.showHistory',
	'aipass.chat.export', 'aipass.chat.attachSelection',
];

async function chat(): Promise<ChatFeature> {
	const { testing } = await extensionApi();
	assert.ok(testing.chat, 'the extension exposes its chat feature in test mode');
	return testing.chat;
}

async function chatBodies(): Promise<Record<string, unknown>[]> {
	return (await admin().requests({ path: '/chat/completions' })).map(entry => entry.body as Record<string, unknown>);
}

describe('chat view (webview view, session and store in the real host, emulator)', function () {
	this.timeout(90_000);

	beforeEach(async () => {
		await signInFresh();
		const feature = await chat();
		await feature.session.newConversation();
		await feature.models.select('gpt-5-mini');
		await admin().clearRequests();
	});

	it('registers its commands and contributes the view in its own activity bar container', async () => {
		const registered = new Set(await vscode.commands.getCommands(true));
		assert.deepEqual(chatCommands.filter(id => !registered.has(id)), []);
		const extension = vscode.extensions.getExtension(extensionId)!;
		const manifest = extension.packageJSON as {
			contributes: { viewsContainers: { activitybar: { id: string; icon: string }[] }; views: Record<string, { id: string; type: string }[]> };
		};
		assert.ok(manifest.contributes.viewsContainers.activitybar.some(c => c.id === 'aipass' && c.icon.endsWith('.svg')));
		assert.deepEqual(manifest.contributes.views.aipass.map(v => [v.id, v.type]), [['aipass.chatView', 'webview']]);
	});

	it('resolves the view on "Open Chat", and the real webview completes the ready handshake', async () => {
		const feature = await chat();
		await vscode.commands.executeCommand('aipass.chat.open');
		const surface = await waitFor('the chat view to be resolved', () => feature.view.currentSurface);
		assert.equal(surface.kind, 'view');
		await waitFor('the webview to say ready (its bundle ran under the CSP)', () => surface.isReady || undefined, 30_000);
	});

	it('opens the same conversation in an editor tab', async () => {
		const feature = await chat();
		await vscode.commands.executeCommand('aipass.chat.openInEditor');
		const surface = await waitFor('the editor panel', () => feature.panel.currentSurface);
		assert.equal(surface.kind, 'panel');
		await waitFor('the panel webview to say ready', () => surface.isReady || undefined, 30_000);
		await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
		await waitFor('the panel to close', () => feature.panel.currentSurface === undefined || undefined);
	});

	it('streams an answer, saves the conversation and restores it in a new session (persistence round trip)', async () => {
		const feature = await chat();
		const reply = 'Here is a **streamed** answer with `code`.';
		await admin().setChatReply({ content: reply, once: true });
		await feature.session.send('Hello from the integration test', []);
		const [question, answer] = feature.session.current.messages;
		assert.equal(question.text, 'Hello from the integration test');
		assert.deepEqual([answer.role, answer.status, answer.text, answer.model], ['assistant', 'done', reply, 'gpt-5-mini']);
		assert.equal(feature.session.current.title, 'Hello from the integration test');

		const { testing } = await extensionApi();
		const reopened = new ConversationStore(new WorkspaceBlobStore(chatStorageFolder(testing.context)));
		assert.deepEqual(await reopened.load(feature.session.current.id), feature.session.current);
		assert.ok((await reopened.list()).some(s => s.id === feature.session.current.id && s.messageCount === 2));

		// What a restart does: a new session restores the last conversation from workspace state and storage.
		const restarted = new ChatSession({ ...testing, workspaceState: testing.context.workspaceState }, reopened, feature.models);
		try {
			await restarted.restored;
			assert.deepEqual(restarted.current, feature.session.current);
		} finally {
			restarted.dispose();
		}
	});

	it('stops a streaming answer and keeps what arrived', async () => {
		const feature = await chat();
		const reply = Array.from({ length: 200 }, (_, i) => `word${i}`).join(' ');
		await admin().setConfig({ chunkDelayMs: 20 });
		await admin().setChatReply({ content: reply, once: true });
		try {
			const sending = feature.session.send('Tell me a long story', []);
			await waitFor('some streamed text', () => (feature.session.current.messages[1]?.text.length ?? 0) > 20 || undefined);
			feature.session.stop();
			await sending;
			const answer = feature.session.current.messages[1];
			assert.equal(answer.status, 'stopped');
			assert.ok(answer.text.length > 20 && answer.text.length < reply.length, `partial answer kept (${answer.text.length} chars)`);
			assert.ok(reply.startsWith(answer.text));
			assert.equal(answer.error, undefined, 'stopping is not an error');
		} finally {
			await admin().setConfig({ chunkDelayMs: 0 });
		}
	});

	it('shows a budget card on 402 and an interrupted card with the partial answer on a dropped stream', async () => {
		const feature = await chat();
		await admin().setBudget({ maxBudget: 1, totalCost: 1 });
		await feature.session.send('Anything', []);
		const budget = feature.session.current.messages[1];
		assert.equal(budget.status, 'error');
		assert.equal(budget.error?.kind, 'budget');
		assert.deepEqual(budget.error?.actions, ['topUp', 'retry']);

		await admin().setBudget({ maxBudget: 10, totalCost: 0 });
		await admin().setChatReply({ content: 'one two three four five six', once: true });
		await admin().fault({ kind: 'dropStream', afterChunks: 3 });
		await feature.session.regenerate();
		const dropped = feature.session.current.messages;
		assert.equal(dropped.length, 2, 'Retry replaced the failed answer');
		assert.equal(dropped[1].status, 'error');
		assert.equal(dropped[1].error?.kind, 'interrupted');
		if (hostInfo().kind === 'node') {
			assert.equal(dropped[1].text, 'one two three ');
		} else {
			// In a browser a body stream that errors drops the chunks its reader had not taken yet
			// (WHATWG streams), so the web worker host may keep less of what was on the wire.
			assert.ok('one two three '.startsWith(dropped[1].text), JSON.stringify(dropped[1].text));
		}
	});

	it('coalesces streamed text: far fewer webview updates than chunks, and none lost', async () => {
		const feature = await chat();
		const reply = Array.from({ length: 1500 }, (_, i) => `w${i}`).join(' ');
		await admin().setChatReply({ content: reply, once: true });
		const deltas: string[] = [];
		const sink = feature.session.addSink({ post: message => message.type === 'delta' && deltas.push(message.text) });
		try {
			await feature.session.send('Fast, please', []);
		} finally {
			sink.dispose();
		}
		assert.equal(deltas.join(''), reply, 'every character arrives, in order');
		assert.ok(deltas.length < 1500 / 4, `${deltas.length} updates for 1500 chunks`);
	});

	it('turns each kind of failure into a card that says what to do next', async () => {
		const feature = await chat();
		const card = async (): Promise<NonNullable<ChatFeature['session']['current']['messages'][number]['error']>> => {
			await feature.session.send('Hello?', []);
			const answer = feature.session.current.messages[feature.session.current.messages.length - 1];
			assert.equal(answer.status, 'error');
			assert.ok(answer.error);
			return answer.error;
		};
		await admin().fault({ kind: 'rateLimit', retryAfter: 7, path: '/chat/completions' });
		const asked = Date.now();
		const rateLimited = await card();
		assert.deepEqual([rateLimited.kind, rateLimited.actions], ['rateLimited', ['retry']]);
		// An absolute deadline, kept with the message: a redraw counts down to it rather than from 7 again.
		const retryAt = rateLimited.retryAt ?? 0;
		assert.ok(retryAt > asked && retryAt <= Date.now() + 7000, `retryAt ${retryAt - asked} ms after asking`);
		await admin().fault({ kind: 'rateLimit', retryAfter: 86_400, path: '/chat/completions' });
		const dayLong = await card();
		assert.ok((dayLong.retryAt ?? Infinity) <= Date.now() + 300_000, 'a Retry-After of a day is capped at 5 minutes');
		await admin().fault({ kind: 'serverError', status: 503, path: '/chat/completions' });
		assert.equal((await card()).kind, 'network');
		await feature.models.select('no-such-model');
		const invalid = await card();
		assert.deepEqual([invalid.kind, invalid.actions], ['invalidModel', ['pickModel', 'retry']]);
		await feature.models.select('gpt-5-mini');
		await signOutEverywhere();
		const signIn = await card();
		assert.deepEqual([signIn.kind, signIn.actions], ['signIn', ['signIn', 'retry']]);
	});

	it('lists conversations in the history picker and opens the one picked', async () => {
		const feature = await chat();
		await admin().setChatReply({ content: 'Older answer', once: true });
		await feature.session.send('The older conversation', []);
		const older = feature.session.current.id;
		await feature.session.newConversation();
		await admin().setChatReply({ content: 'Newer answer', once: true });
		await feature.session.send('The newer conversation', []);
		const shown = new Promise<void>(resolve => {
			const listener = feature.onDidShowHistory(() => {
				listener.dispose();
				resolve();
			});
		});
		const picking = vscode.commands.executeCommand('aipass.chat.showHistory');
		await shown;
		// Newest first: the second item is the older conversation.
		await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
		await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
		await picking;
		assert.equal(feature.session.current.id, older);
		assert.equal(feature.session.current.messages[1].text, 'Older answer');
	});

	it('regenerates the last answer', async () => {
		const feature = await chat();
		await admin().setChatReply({ content: 'First answer', once: true });
		await feature.session.send('Question', []);
		await admin().setChatReply({ content: 'Second answer', once: true });
		await feature.session.regenerate();
		assert.deepEqual(feature.session.current.messages.map(m => m.text), ['Question', 'Second answer']);
		assert.equal((await chatBodies()).length, 2);
	});

	it('sends the model picked in the chat, remembered in the workspace state, and the system prompt setting', async () => {
		const feature = await chat();
		const config = vscode.workspace.getConfiguration('aipass');
		await config.update('chat.systemPrompt', 'Answer in French.', vscode.ConfigurationTarget.Global);
		try {
			await feature.models.select('claude-haiku-4-5');
			const { testing } = await extensionApi();
			assert.equal(testing.context.workspaceState.get('aipass.chat.selectedModel'), 'claude-haiku-4-5');
			await feature.session.send('Bonjour', []);
			const [body] = await chatBodies();
			assert.equal(body.model, 'claude-haiku-4-5');
			assert.deepEqual((body.messages as unknown[])[0], { role: 'system', content: 'Answer in French.' });
			assert.equal(feature.session.current.messages[1].model, 'claude-haiku-4-5');
		} finally {
			await config.update('chat.systemPrompt', undefined, vscode.ConfigurationTarget.Global);
		}
	});

	it('refuses images for a model without vision, with a clear notice', async () => {
		const feature = await chat();
		await feature.models.ensureLoaded();
		await waitFor('the model catalog', () => feature.models.models.length > 0 || undefined);
		await feature.models.select('gpt-5-nano');
		const notices: string[] = [];
		const sink = feature.session.addSink({ post: message => message.type === 'notice' && notices.push(message.text) });
		try {
			await feature.session.send('What is this?', [{ name: 'a.png', dataUrl: 'data:image/png;base64,iVBORw0KGgo=' }]);
		} finally {
			sink.dispose();
		}
		assert.equal(feature.session.current.messages.length, 0);
		assert.match(notices[0] ?? '', /gpt-5-nano cannot read images/);
		assert.equal((await chatBodies()).length, 0);
	});

	it('attaches the editor selection and sends it as context', async () => {
		const feature = await chat();
		const document = await vscode.workspace.openTextDocument({ language: 'typescript', content: 'const a = 1;\nconst b = 2;\nconst c = 3;\n' });
		const editor = await vscode.window.showTextDocument(document);
		editor.selection = new vscode.Selection(1, 0, 1, 12);
		await vscode.commands.executeCommand('aipass.chat.attachSelection');
		assert.deepEqual(feature.session.state().attachments.map(a => a.kind), ['selection']);
		await feature.session.send('What does this do?', []);
		const [body] = await chatBodies();
		const content = (body.messages as { content: string }[])[0].content;
		assert.match(content, /^Context from `Untitled-\d+:2-2`:\n```typescript\nconst b = 2;\n```\n\nWhat does this do\?$/);
		assert.deepEqual(feature.session.state().attachments, [], 'attachments go with one question');
		await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
	});

	it('exports the conversation as a Markdown document', async () => {
		const feature = await chat();
		await admin().setChatReply({ content: 'The answer is 42.', once: true });
		await feature.session.send('What is the answer?', []);
		await vscode.commands.executeCommand('aipass.chat.export');
		const document = await waitFor('the exported document', () => {
			const active = vscode.window.activeTextEditor?.document;
			return active?.languageId === 'markdown' && active.isUntitled ? active : undefined;
		});
		assert.equal(document.getText(), '# What is the answer?\n\n## You\n\nWhat is the answer?\n\n## AI Pass (gpt-5-mini)\n\nThe answer is 42.\n');
		await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
	});

	it('inserts code at the cursor, opens code in a new editor, and opens only http(s)/mailto links', async () => {
		const { testing } = await extensionApi();
		const document = await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'before  after' });
		const editor = await vscode.window.showTextDocument(document);
		editor.selection = new vscode.Selection(0, 7, 0, 7);
		const lastEditor = new LastEditor();
		try {
			assert.equal(await insertAtCursor('INSERTED', lastEditor), true);
			assert.equal(document.getText(), 'before INSERTED after');
		} finally {
			lastEditor.dispose();
		}
		await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
		const opened = await openInNewEditor('print("hi")\n', 'py');
		assert.deepEqual([opened.document.languageId, opened.document.getText(), opened.document.isUntitled], ['python', 'print("hi")\n', true]);
		await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
		const log = testing.log;
		for (const href of ['javascript:alert(1)', 'file:///etc/passwd', 'command:aipass.signOut', 'vscode://aipass.aipass-vscode/callback', '/relative']) {
			assert.equal(await openLink(href, log), false, href);
		}
	});
});
