import assert from 'node:assert/strict';
import { closeSync, openSync, ftruncateSync } from 'node:fs';
import * as vscode from 'vscode';
import { bytesToBase64 } from '../../src/api/bytes';
import type { AnalyzeImageOptions, AnalyzeImageResult } from '../../src/vision/analyzeOptions';
import type { LogEntry } from '../emulator/types';
import { jpegOf, noise, photo, pngOf } from '../unit/vision/fixtures';
import { admin, extensionApi, signInFresh, signOutEverywhere, waitFor } from './helpers';
import { MemoryImageFs } from './memoryImageFs';

const MAX_SENT = 800 * 1024;

function folder(): vscode.Uri {
	const root = vscode.workspace.workspaceFolders?.[0]?.uri;
	assert.ok(root, 'the runner opens a workspace folder');
	return vscode.Uri.joinPath(root, 'analyze-image');
}

async function write(name: string, data: Uint8Array | string): Promise<vscode.Uri> {
	const uri = vscode.Uri.joinPath(folder(), name);
	await vscode.workspace.fs.writeFile(uri, typeof data === 'string' ? new TextEncoder().encode(data) : data);
	return uri;
}

async function analyze(uri: vscode.Uri | undefined, options: AnalyzeImageOptions): Promise<AnalyzeImageResult> {
	return vscode.commands.executeCommand<AnalyzeImageResult>('aipass.analyzeImage', uri, options);
}

async function chatRequests(): Promise<LogEntry[]> {
	return admin().requests({ path: '/chat/completions' });
}

async function documentText(result: AnalyzeImageResult): Promise<string> {
	assert.equal(result.status, 'done', JSON.stringify(result));
	return result.status === 'done' ? (await vscode.workspace.openTextDocument(result.uri)).getText() : '';
}

function markdownPreviewOpen(): boolean {
	return vscode.window.tabGroups.all.flatMap(group => group.tabs)
		.some(tab => tab.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(tab.input.viewType));
}

describe('analyze image (aipass.analyzeImage, real host, emulator)', function () {
	this.timeout(120_000);

	before(async () => {
		await signInFresh();
		await vscode.workspace.fs.createDirectory(folder());
	});

	beforeEach(async () => {
		await admin().clearFaults();
		await admin().clearChatReply();
		await admin().clearRequests();
		await vscode.commands.executeCommand('workbench.action.closeAllEditors');
	});

	after(async () => {
		await vscode.workspace.fs.delete(folder(), { recursive: true, useTrash: false });
	});

	it('sends a >3 MB PNG from the workspace as a JPEG data URL under 800 KB and shows the answer in a Markdown preview', async () => {
		const png = pngOf(noise(1200, 1000, { seed: 11 }), { rgb: true });
		assert.ok(png.length > 3 * 1024 * 1024);
		const { testing } = await extensionApi();
		let settled = 0;
		const listener = testing.onDidSettlePaidRequest(() => settled++);
		const result = await analyze(await write('noise.png', png), { preset: 'describe' }).finally(() => listener.dispose());
		const [request] = await chatRequests();
		assert.equal(request.status, 200);
		const [image] = request.images ?? [];
		assert.equal(image.declaredMime, 'image/jpeg');
		assert.equal(image.format, 'jpeg', 'the bytes are what the data URL declares');
		assert.ok(image.bytes <= MAX_SENT, `${image.bytes} bytes sent`);
		assert.deepEqual([image.width, image.height], [1200, 1000]);
		assert.ok(settled >= 1, 'the paid-request hook fired, so the budget refreshes');
		const text = await documentText(result);
		assert.match(text, /^# noise\.png/);
		assert.match(text, /\| size \| 3\.\d MB \| \d+ KB \|/);
		assert.match(text, /Model: `gpt-5-mini`/);
		assert.match(text, /Echo: Describe this image/);
		assert.match(text, new RegExp(`Image 1: jpeg 1200x1000, ${image.bytes} bytes \\(declared image/jpeg\\)`));
		await waitFor('the Markdown preview', () => markdownPreviewOpen() || undefined);
	});

	it('downscales a 12-megapixel JPEG to 2048 px and under 800 KB', async () => {
		const jpeg = jpegOf(photo(4000, 3000), 92);
		const result = await analyze(await write('photo.jpg', jpeg), { preset: 'ocr', model: 'claude-haiku-4-5' });
		assert.equal(result.status, 'done', JSON.stringify(result));
		const [request] = await chatRequests();
		const [image] = request.images ?? [];
		assert.deepEqual([image.declaredMime, image.format, image.width, image.height], ['image/jpeg', 'jpeg', 2048, 1536]);
		assert.ok(image.bytes <= MAX_SENT);
		assert.equal((request.body as { model: string }).model, 'claude-haiku-4-5');
		assert.match(await documentText(result), /\| dimensions \| 4000 × 3000 \| 2048 × 1536 \|/);
	});

	it('turns a receipt answer into formatted JSON', async () => {
		const receipt = { amount: 23.8, currency: 'EUR', date: '2025-06-02', merchant: 'Bäckerei {Brot} "Sonne"', category: 'groceries', confidence: 0.87 };
		await admin().setChatReply({ content: `Here is the receipt:\n\n\`\`\`json\n${JSON.stringify(receipt)}\n\`\`\`\nAnything else?`, once: true });
		const result = await analyze(await write('receipt.png', pngOf(photo(300, 500))), { preset: 'receipt' });
		assert.equal(result.status === 'done' && result.json, JSON.stringify(receipt, null, 2));
		assert.deepEqual(result.status === 'done' && result.receipt, receipt);
		const text = await documentText(result);
		assert.ok(text.includes(`\`\`\`json\n${JSON.stringify(receipt, null, 2)}\n\`\`\``), text);
		const [request] = await chatRequests();
		const body = request.body as { messages: { content: { type: string; text?: string }[] }[] };
		assert.match(body.messages[0].content[0].text ?? '', /amount.*currency.*date.*merchant.*category.*confidence/s);
	});

	it('renders images and raw HTML in the answer as links and text in the Markdown preview (nothing remote loads)', async () => {
		await admin().setChatReply({ content: 'A cat. ![x](http://evil.example/ping) <img src="https://evil.example/i.png">', once: true });
		const result = await analyze(await write('cat.png', pngOf(photo(120, 90))), { preset: 'describe' });
		const text = await documentText(result);
		assert.ok(text.includes('A cat. \\![x](http://evil.example/ping) &lt;img'), text);
		// The preview's own engine (the built-in Markdown extension) renders what the preview shows.
		const html = await vscode.commands.executeCommand<string>('markdown.api.render', text);
		assert.equal(typeof html, 'string');
		assert.ok(!/<img\b/i.test(html), html);
		assert.match(html, /<a [^>]*href="http:\/\/evil\.example\/ping"[^>]*>x<\/a>/);
	});

	it('says clearly when the receipt answer has no valid JSON, and keeps the raw answer', async () => {
		await admin().setChatReply({ content: 'Total: 12,00 € at {Kiosk} — sorry, I cannot produce JSON.', once: true });
		const result = await analyze(await write('blurry.png', pngOf(photo(200, 300))), { preset: 'receipt' });
		assert.equal(result.status, 'done');
		assert.equal(result.status === 'done' && result.json, undefined);
		assert.equal(result.status === 'done' && result.receiptProblem, 'The JSON in the answer is not valid.');
		const text = await documentText(result);
		assert.match(text, /## No valid receipt JSON/);
		assert.ok(text.includes('Total: 12,00 € at {Kiosk} — sorry, I cannot produce JSON.'));
		assert.ok(!/```json\n\{\}/.test(text), 'never an empty {}');
	});

	it('refuses bad files with a clear message and sends nothing', async () => {
		const truncated = pngOf(photo(300, 200)).subarray(0, 4000);
		const cases: [string, Uint8Array | string, RegExp][] = [
			['empty.png', new Uint8Array(0), /^empty\.png is empty \(0 bytes\)\.$/],
			['notes.png', '# Shopping list\n- milk\n- bread\n', /^notes\.png is a text file, not an image/],
			['drawing.svg', '<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>', /^drawing\.svg is an SVG \(vector\) image/],
			['photo.heic', new Uint8Array([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x68, 0x65, 0x69, 0x63, 0, 0, 0, 0]), /HEIC\/HEIF photo/],
			['doc.png', '%PDF-1.7\n1 0 obj\n', /a PDF document, not an image/],
			['cut.png', truncated, /^cut\.png looks like a PNG image but cannot be decoded; it may be truncated or damaged/],
		];
		for (const [name, data, expected] of cases) {
			const result = await analyze(await write(name, data), { preset: 'describe' });
			assert.equal(result.status, 'failed', name);
			assert.match(result.status === 'failed' ? result.message : '', expected);
		}
		assert.deepEqual(await chatRequests(), [], 'no request for a bad image');
	});

	it('refuses a 200 MB image from its size, before reading it', async () => {
		const uri = vscode.Uri.joinPath(folder(), 'huge.png');
		const fd = openSync(uri.fsPath, 'w');
		ftruncateSync(fd, 200 * 1024 * 1024); // sparse: no 200 MB written
		closeSync(fd);
		const result = await analyze(uri, { preset: 'describe' });
		assert.deepEqual(result, { status: 'failed', message: 'huge.png is 200.0 MB; images over 50.0 MB are not read.', next: 'none' });

		const memory = new MemoryImageFs();
		const registration = vscode.workspace.registerFileSystemProvider(MemoryImageFs.scheme, memory, { isReadonly: true });
		try {
			memory.add('/big.jpg', new Uint8Array(0), 200 * 1024 * 1024);
			const virtual = await analyze(vscode.Uri.from({ scheme: MemoryImageFs.scheme, path: '/big.jpg' }), { preset: 'describe' });
			assert.equal(virtual.status, 'failed');
			assert.deepEqual(memory.reads, [], 'readFile was never called');
		} finally {
			registration.dispose();
		}
	});

	it('reads an image on a virtual file system through workspace.fs', async () => {
		const memory = new MemoryImageFs();
		const registration = vscode.workspace.registerFileSystemProvider(MemoryImageFs.scheme, memory, { isReadonly: true });
		try {
			const png = pngOf(photo(320, 240), { rgb: true });
			memory.add('/shots/screen.png', png);
			const result = await analyze(vscode.Uri.from({ scheme: MemoryImageFs.scheme, path: '/shots/screen.png' }), { preset: 'ui' });
			assert.equal(result.status, 'done', JSON.stringify(result));
			assert.deepEqual(memory.reads, ['/shots/screen.png']);
			const [image] = (await chatRequests())[0].images ?? [];
			assert.deepEqual([image.declaredMime, image.bytes, image.width], ['image/png', png.length, 320], 'a small PNG goes unchanged');
		} finally {
			registration.dispose();
		}
	});

	it('fails with the vision-capable models named when asked for a model that cannot read images', async () => {
		const result = await analyze(await write('small.png', pngOf(photo(50, 50))), { preset: 'describe', model: 'gpt-5-nano' });
		assert.equal(result.status, 'failed');
		assert.match(result.status === 'failed' ? result.message : '', /^The model "gpt-5-nano" cannot read images\. Vision-capable models: .*gpt-5-mini/);
		assert.deepEqual(await chatRequests(), []);
	});

	it('cancels mid-request: aborts the HTTP call, opens nothing, reports cancelled', async () => {
		await admin().fault({ kind: 'hang', path: '/chat/completions' });
		const source = new vscode.CancellationTokenSource();
		const { testing } = await extensionApi();
		let settled = 0;
		const listener = testing.onDidSettlePaidRequest(() => settled++);
		try {
			const running = analyze(await write('cancel.png', pngOf(photo(100, 100))), { preset: 'describe', cancellation: source.token });
			await waitFor('the hanging chat request', async () => (await chatRequests()).length === 1 || undefined);
			source.cancel();
			assert.deepEqual(await running, { status: 'cancelled' });
			await waitFor('the paid-request hook after the abort', () => settled >= 1 || undefined);
		} finally {
			listener.dispose();
			source.dispose();
		}
		assert.equal(markdownPreviewOpen(), false, 'no result document was shown');
	});

	it('sends a custom prompt and quotes it in the document', async () => {
		const prompt = 'Which colour dominates the top-left corner?';
		const result = await analyze(await write('custom.png', pngOf(photo(80, 60))), { prompt });
		assert.equal(result.status === 'done' && result.preset, 'custom');
		const text = await documentText(result);
		assert.ok(text.includes(`> ${prompt}`), text);
		assert.ok(text.includes(`Echo: ${prompt}`), text);
	});

	it('reads an image from the clipboard text (data URL)', async () => {
		const png = pngOf(photo(64, 48), { rgb: true });
		const previous = await vscode.env.clipboard.readText();
		await vscode.env.clipboard.writeText(`data:image/png;base64,${bytesToBase64(png)}`);
		try {
			const result = await analyze(undefined, { source: 'clipboard', preset: 'describe' });
			assert.equal(result.status, 'done', JSON.stringify(result));
			const [image] = (await chatRequests())[0].images ?? [];
			assert.deepEqual([image.declaredMime, image.width, image.height], ['image/png', 64, 48]);
		} finally {
			await vscode.env.clipboard.writeText(previous);
		}
	});

	it('says so when nobody is signed in, before reading the image', async () => {
		await signOutEverywhere();
		const result = await analyze(await write('signed-out.png', pngOf(photo(40, 40))), { preset: 'describe' });
		assert.deepEqual(result, { status: 'failed', message: 'You are not signed in to AI Pass. Sign in to continue.', next: 'signIn' });
		assert.deepEqual(await chatRequests(), []);
	});
});

