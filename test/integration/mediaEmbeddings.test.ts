import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { EmbeddingResult } from '../../src/media/embedSelection';
import {
	closeEditors, editorWithSelection, exhaustBudget, listFolder, outputFolder, recordFailures, removeIfPresent, routeRequests, signInForMedia,
} from './mediaHelpers';

interface EmbeddingFile { model: string; dimensions: number; input: string; embedding: number[] }

describe('media: embed selection (aipass.embeddings.embedSelection)', function () {
	this.timeout(60_000);
	let recorder: Awaited<ReturnType<typeof recordFailures>>;

	beforeEach(async () => {
		await signInForMedia();
		await closeEditors();
		await removeIfPresent(outputFolder());
		recorder = await recordFailures();
	});

	afterEach(() => recorder.dispose());

	it('embeds the selection and writes {model, dimensions, input, embedding} into the output folder', async () => {
		await editorWithSelection('function add(a, b) { return a + b; }', 'javascript');
		const result = await vscode.commands.executeCommand<EmbeddingResult>('aipass.embeddings.embedSelection', { model: 'text-embedding-3-small', output: 'file' });
		assert.ok(result, JSON.stringify(recorder.failures));
		assert.equal(result.dimensions, 1536);
		assert.deepEqual(await listFolder(), [result.files[0].path.split('/').pop()]);
		assert.match(result.files[0].path, /\/function-add-a-b-return-a-b-\d{8}-\d{6}\.embedding\.json$/);
		const saved = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(result.files[0]))) as EmbeddingFile;
		assert.deepEqual(Object.keys(saved), ['model', 'dimensions', 'input', 'embedding']);
		assert.equal(saved.model, 'text-embedding-3-small');
		assert.equal(saved.dimensions, 1536);
		assert.equal(saved.input, 'function add(a, b) { return a + b; }');
		assert.equal(saved.embedding.length, 1536);
		assert.ok(Math.abs(Math.hypot(...saved.embedding) - 1) < 1e-6, 'the emulator\'s unit vector, unchanged');
		const [request] = await routeRequests('/embeddings');
		assert.deepEqual(request.body, { model: 'text-embedding-3-small', input: 'function add(a, b) { return a + b; }' });
	});

	it('copies the vector to the clipboard as a JSON array and writes no file', async () => {
		await vscode.env.clipboard.writeText('before');
		const result = await vscode.commands.executeCommand<EmbeddingResult>('aipass.embeddings.embedSelection', { text: 'hello', model: 'text-embedding-3-large', output: 'clipboard' });
		assert.ok(result, JSON.stringify(recorder.failures));
		assert.equal(result.output, 'clipboard');
		const vector = JSON.parse(await vscode.env.clipboard.readText()) as unknown;
		assert.ok(Array.isArray(vector) && vector.length === 3072 && vector.every(x => typeof x === 'number'));
		assert.deepEqual(await listFolder(), []);
	});

	it('refuses no selection, a bad output and a model that does not embed, before any request', async () => {
		await vscode.commands.executeCommand('aipass.embeddings.embedSelection', { model: 'text-embedding-3-small', output: 'file' });
		await vscode.commands.executeCommand('aipass.embeddings.embedSelection', { text: 'x', model: 'text-embedding-3-small', output: 'printer' });
		await vscode.commands.executeCommand('aipass.embeddings.embedSelection', { text: 'x', model: 'gpt-5-mini', output: 'file' });
		const messages = recorder.failures.map(f => f.message);
		assert.equal(messages.length, 3, JSON.stringify(recorder.failures));
		assert.match(messages[0], /Select the text to embed first/);
		assert.match(messages[1], /"printer" is not an output/);
		assert.match(messages[2], /"gpt-5-mini" is not an AI Pass model for embeddings/);
		assert.equal((await routeRequests('/embeddings')).length, 0);
	});

	it('402: shows the budget message and writes nothing', async () => {
		await exhaustBudget();
		assert.equal(await vscode.commands.executeCommand('aipass.embeddings.embedSelection', { text: 'x', model: 'text-embedding-3-small', output: 'file' }), undefined);
		assert.deepEqual(recorder.failures.map(f => f.errorName), ['BudgetExhaustedError']);
		assert.match(recorder.failures[0].message, /budget is used up/);
		assert.deepEqual(await listFolder(), []);
	});
});
