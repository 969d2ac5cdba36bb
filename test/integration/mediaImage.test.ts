import assert from 'node:assert/strict';
import { closeSync, ftruncateSync, openSync } from 'node:fs';
import * as vscode from 'vscode';
import type { MediaFiles } from '../../src/media/mediaArgs';
import { solidPng } from '../emulator/mediaBytes';
import { admin } from './helpers';
import {
	closeEditors, exhaustBudget, listFolder, multipartParts, outputFolder, PNG_MAGIC, recordFailures, removeIfPresent, routeRequests,
	signInForMedia, startsWith, workspaceRoot, writeWorkspaceFile,
} from './mediaHelpers';

const budgetMessage = 'Your AI Pass budget is used up. Top up your wallet at AI Pass to continue.';

function tabUris(): string[] {
	return vscode.window.tabGroups.all.flatMap(group => group.tabs).flatMap(tab => {
		const input = tab.input;
		return input instanceof vscode.TabInputCustom || input instanceof vscode.TabInputText ? [input.uri.toString()] : [];
	});
}

function pngSize(bytes: Uint8Array): [number, number] {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	return [view.getUint32(16), view.getUint32(20)];
}

describe('media: generate image (aipass.image.generate)', function () {
	this.timeout(60_000);
	let recorder: Awaited<ReturnType<typeof recordFailures>>;

	beforeEach(async () => {
		await signInForMedia();
		await closeEditors();
		await removeIfPresent(outputFolder());
		recorder = await recordFailures();
	});

	afterEach(async () => {
		recorder.dispose();
		await vscode.workspace.getConfiguration('aipass').update('media.outputFolder', undefined, vscode.ConfigurationTarget.Global);
	});

	it('generates images from a URL model: downloads them without the token, saves and previews them', async () => {
		const result = await vscode.commands.executeCommand<MediaFiles>('aipass.image.generate', {
			prompt: 'A watercolour lighthouse, at dawn!', model: 'imagen-4-ultra', size: '1024x1536', n: 2,
		});
		assert.ok(result, `the command failed: ${JSON.stringify(recorder.failures)}`);
		assert.equal(result.files.length, 2);
		const names = await listFolder();
		assert.equal(names.length, 2);
		for (const [i, name] of names.entries()) {
			assert.match(name, new RegExp(`^a-watercolour-lighthouse-at-dawn-\\d{8}-\\d{6}-${i + 1}\\.png$`));
		}
		for (const file of result.files) {
			const bytes = await vscode.workspace.fs.readFile(file);
			assert.ok(startsWith(bytes, PNG_MAGIC), 'a real PNG');
			assert.deepEqual(pngSize(bytes), [64, 64]);
			assert.ok(file.path.startsWith(outputFolder().path + '/'));
		}
		const [request] = await routeRequests('/images/generations');
		assert.deepEqual(request.body, { model: 'imagen-4-ultra', prompt: 'A watercolour lighthouse, at dawn!', n: 2, size: '1024x1536' });
		assert.equal(request.status, 200);
		const downloads = await routeRequests('.png', 'GET');
		assert.equal(downloads.length, 2, 'each url was fetched');
		assert.ok(downloads.every(d => d.path.startsWith('/__media/') && d.headers.authorization === undefined), 'the token never goes to a download URL');
		const open = tabUris();
		assert.ok(result.files.every(file => open.includes(file.toString())), 'both images are open in editors');
		assert.deepEqual(recorder.failures, []);
	});

	it('saves b64_json answers (nano-banana) without any download, into the configured output folder', async () => {
		await vscode.workspace.getConfiguration('aipass').update('media.outputFolder', 'assets/generated', vscode.ConfigurationTarget.Global);
		const custom = vscode.Uri.joinPath(workspaceRoot(), 'assets', 'generated');
		await removeIfPresent(vscode.Uri.joinPath(workspaceRoot(), 'assets'));
		const result = await vscode.commands.executeCommand<MediaFiles>('aipass.image.generate', {
			prompt: 'pixel art fox', model: 'nano-banana-2', size: 'auto', n: 1, preview: false,
		});
		assert.ok(result);
		assert.equal(result.files[0].toString(), vscode.Uri.joinPath(custom, (await listFolder(custom))[0]).toString());
		assert.ok(startsWith(await vscode.workspace.fs.readFile(result.files[0]), PNG_MAGIC));
		assert.deepEqual(await listFolder(), [], 'nothing in the default folder');
		assert.equal((await admin().requests({ path: '/__media/' })).length, 0);
		await removeIfPresent(vscode.Uri.joinPath(workspaceRoot(), 'assets'));
	});

	it('inserts a relative Markdown image link into the Markdown editor that was active', async () => {
		const doc = await writeWorkspaceFile('docs/notes.md', '# Notes\n\nHere:\n');
		const editor = await vscode.window.showTextDocument(doc);
		editor.selection = new vscode.Selection(3, 0, 3, 0);
		const result = await vscode.commands.executeCommand<MediaFiles>('aipass.image.generate', {
			prompt: 'a red [fox]', model: 'nano-banana-2', size: '1024x1024', n: 1, preview: false, markdownLink: true,
		});
		assert.ok(result);
		const name = result.files[0].path.split('/').pop();
		assert.equal(editor.document.getText(), `# Notes\n\nHere:\n![a red \\[fox\\]](../aipass-media/${name})`);
		await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
	});

	it('never overwrites: the same prompt twice gives two files', async () => {
		const options = { prompt: 'same', model: 'nano-banana-2', size: 'auto', n: 1, preview: false };
		const first = await vscode.commands.executeCommand<MediaFiles>('aipass.image.generate', options);
		const second = await vscode.commands.executeCommand<MediaFiles>('aipass.image.generate', options);
		assert.ok(first && second);
		assert.notEqual(first.files[0].toString(), second.files[0].toString());
		assert.equal((await listFolder()).length, 2);
	});

	it('refuses an empty prompt, a model that cannot generate images and a bad count, before any paid call', async () => {
		const cases: [Record<string, unknown>, RegExp][] = [
			[{ prompt: '   ', model: 'imagen-4-ultra', size: 'auto', n: 1 }, /Enter a prompt/],
			[{ prompt: 'x', model: 'gpt-5-mini', size: 'auto', n: 1 }, /"gpt-5-mini" is not an AI Pass model for image generation\. Choose one of: .*imagen-4-ultra/],
			[{ prompt: 'x', model: 'imagen-4-ultra', size: 'auto', n: 5 }, /must be 1 to 4/],
			[{ prompt: 'x', model: 'imagen-4-ultra', size: 'huge', n: 1 }, /not an image size/],
		];
		for (const [options] of cases) {
			assert.equal(await vscode.commands.executeCommand('aipass.image.generate', options), undefined);
		}
		assert.deepEqual(recorder.failures.map(f => f.kind), ['failed', 'failed', 'failed', 'failed']);
		cases.forEach(([, pattern], i) => assert.match(recorder.failures[i].message, pattern));
		assert.equal((await routeRequests('/images/generations')).length, 0);
		assert.deepEqual(await listFolder(), []);
	});

	it('refuses an output folder outside the workspace', async () => {
		await vscode.workspace.getConfiguration('aipass').update('media.outputFolder', '../outside', vscode.ConfigurationTarget.Global);
		assert.equal(await vscode.commands.executeCommand('aipass.image.generate', { prompt: 'x', model: 'imagen-4-ultra', size: 'auto', n: 1 }), undefined);
		assert.match(recorder.failures[0]?.message ?? '', /aipass\.media\.outputFolder must name a folder inside the workspace/);
		assert.equal((await routeRequests('/images/generations')).length, 0);
	});

	it('402: shows the budget message and writes nothing', async () => {
		await exhaustBudget();
		const result = await vscode.commands.executeCommand('aipass.image.generate', { prompt: 'x', model: 'imagen-4-ultra', size: 'auto', n: 1 });
		assert.equal(result, undefined);
		assert.deepEqual(recorder.failures.map(f => [f.errorName, f.message]), [['BudgetExhaustedError', budgetMessage]]);
		assert.equal((await routeRequests('/images/generations'))[0]?.status, 402);
		assert.deepEqual(await listFolder(), []);
	});

	it('writes nothing when one of several downloads fails', async () => {
		await admin().fault({ kind: 'serverError', status: 503, path: '.png' });
		const result = await vscode.commands.executeCommand('aipass.image.generate', { prompt: 'two', model: 'imagen-4-ultra', size: 'auto', n: 2 });
		assert.equal(result, undefined);
		assert.match(recorder.failures[0]?.message ?? '', /Could not download the generated image \(HTTP 503\)/);
		assert.deepEqual(await listFolder(), []);
	});

	it('is cancelled by the caller\'s token while the request is in flight: silent, nothing written', async () => {
		await admin().fault({ kind: 'hang', path: '/images/generations' });
		const source = new vscode.CancellationTokenSource();
		const running = vscode.commands.executeCommand('aipass.image.generate', { prompt: 'slow', model: 'imagen-4-ultra', size: 'auto', n: 1, cancellation: source.token });
		for (let i = 0; i < 300 && (await routeRequests('/images/generations')).length === 0; i++) {
			await new Promise(resolve => setTimeout(resolve, 20));
		}
		source.cancel();
		assert.equal(await running, undefined);
		assert.deepEqual(recorder.failures.map(f => f.kind), ['cancelled']);
		assert.deepEqual(await listFolder(), []);
	});
});

describe('media: edit image (aipass.image.edit)', function () {
	this.timeout(60_000);
	let recorder: Awaited<ReturnType<typeof recordFailures>>;
	let red: vscode.Uri;
	let blue: vscode.Uri;

	beforeEach(async () => {
		await signInForMedia();
		await closeEditors();
		await removeIfPresent(outputFolder());
		red = await writeWorkspaceFile('red.png', solidPng(8, 8, [255, 0, 0]));
		blue = await writeWorkspaceFile('blue.png', solidPng(8, 8, [0, 0, 255]));
		recorder = await recordFailures();
	});

	afterEach(() => recorder.dispose());

	it('edits one image (uri, options) with a single-image model', async () => {
		const edited = await vscode.commands.executeCommand<MediaFiles>('aipass.image.edit', red, { prompt: 'make it stormy', model: 'dall-e-2', preview: false });
		assert.ok(edited, JSON.stringify(recorder.failures));
		assert.equal(edited.files.length, 1);
		assert.ok(startsWith(await vscode.workspace.fs.readFile(edited.files[0]), PNG_MAGIC));
		assert.match(edited.files[0].path, /\/aipass-media\/make-it-stormy-\d{8}-\d{6}\.png$/);
		const [request] = await routeRequests('/images/edits');
		const parts = multipartParts(request);
		assert.deepEqual(parts.filter(p => p.value !== undefined).map(p => [p.name, p.value]), [['model', 'dall-e-2'], ['prompt', 'make it stormy']]);
		const images = parts.filter(p => p.name === 'image');
		assert.deepEqual(images.map(p => [p.filename, p.type, p.size]), [['red.png', 'image/png', (await vscode.workspace.fs.readFile(red)).byteLength]]);
	});

	it('sends an Explorer multi-selection (uri, selectedUris) as repeated "image" parts to a multi_image model', async () => {
		const edited = await vscode.commands.executeCommand<MediaFiles>('aipass.image.edit', blue, [red, blue], { prompt: 'merge them', model: 'gpt-image-2-edit', preview: false });
		assert.ok(edited, JSON.stringify(recorder.failures));
		const [request] = await routeRequests('/images/edits');
		assert.deepEqual(multipartParts(request).filter(p => p.name === 'image').map(p => p.filename), ['red.png', 'blue.png']);
		assert.equal(request.status, 200);
		assert.equal((await listFolder()).length, 1);
		const viaOptions = await vscode.commands.executeCommand<MediaFiles>('aipass.image.edit', { images: [blue, red], prompt: 'again', model: 'nano-banana-2-edit', preview: false });
		assert.ok(viaOptions);
		const second = (await routeRequests('/images/edits'))[1];
		assert.deepEqual(multipartParts(second).filter(p => p.name === 'image').map(p => p.filename), ['blue.png', 'red.png']);
		assert.equal((await listFolder()).length, 2);
	});

	it('refuses an image over 50 MB from its size, before reading it or asking anything', async () => {
		const huge = vscode.Uri.joinPath(outputFolder(), '..', 'huge-edit.png');
		const fd = openSync(huge.fsPath, 'w');
		ftruncateSync(fd, 60 * 1024 * 1024); // sparse: nothing written
		closeSync(fd);
		try {
			assert.equal(await vscode.commands.executeCommand('aipass.image.edit', huge, { prompt: 'x', model: 'dall-e-2' }), undefined);
			assert.deepEqual(recorder.failures.map(f => f.message), ['huge-edit.png is 60.0 MB; AI Pass edits images up to 50 MB. Use a smaller image.']);
			assert.equal((await routeRequests('/images/edits')).length, 0);
		} finally {
			await vscode.workspace.fs.delete(huge);
		}
	});

	it('refuses several images for a single-image model, non-images and an empty prompt, without a request', async () => {
		const notes = await writeWorkspaceFile('notes.txt', 'hello');
		await vscode.commands.executeCommand('aipass.image.edit', undefined, { images: [red, blue], prompt: 'merge', model: 'dall-e-2' });
		await vscode.commands.executeCommand('aipass.image.edit', notes, { prompt: 'x', model: 'dall-e-2' });
		await vscode.commands.executeCommand('aipass.image.edit', red, { prompt: '', model: 'dall-e-2' });
		await vscode.commands.executeCommand('aipass.image.edit', red, { prompt: 'x', model: 'imagen-4-ultra' });
		const messages = recorder.failures.filter(f => f.kind === 'failed').map(f => f.message);
		assert.equal(messages.length, 4, JSON.stringify(recorder.failures));
		assert.match(messages[0], /dall-e-2 edits one image at a time/);
		assert.match(messages[1], /notes\.txt is not an image AI Pass can edit/);
		assert.match(messages[2], /Enter a prompt/);
		assert.match(messages[3], /"imagen-4-ultra" is not an AI Pass model for image editing/);
		assert.equal((await routeRequests('/images/edits')).length, 0);
		assert.deepEqual(await listFolder(), []);
	});

	it('402: shows the budget message and writes nothing', async () => {
		await exhaustBudget();
		assert.equal(await vscode.commands.executeCommand('aipass.image.edit', red, { prompt: 'x', model: 'dall-e-2' }), undefined);
		assert.deepEqual(recorder.failures.map(f => f.message), [budgetMessage]);
		assert.equal((await routeRequests('/images/edits'))[0]?.status, 402);
		assert.deepEqual(await listFolder(), []);
	});
});
