/**
 * Decompression bombs through the real Analyze Image command. Node extension host only: the fixtures are made
 * with node:zlib (a gigabyte of zeros deflated on Node's thread pool), which the web worker host lacks.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AnalyzeImageOptions, AnalyzeImageResult } from '../../src/vision/analyzeOptions';
import type { LogEntry } from '../emulator/types';
import { deflatedZeros, pngBomb } from '../unit/vision/pngFiles';
import { admin, signInFresh } from './helpers';
import { MemoryImageFs } from './memoryImageFs';

async function analyze(uri: vscode.Uri | undefined, options: AnalyzeImageOptions): Promise<AnalyzeImageResult> {
	return vscode.commands.executeCommand<AnalyzeImageResult>('aipass.analyzeImage', uri, options);
}

async function chatRequests(): Promise<LogEntry[]> {
	return admin().requests({ path: '/chat/completions' });
}

describe('analyze image: decompression bombs (decoded in a worker, bounded by the header)', () => {
	const memory = new MemoryImageFs();
	let registration: vscode.Disposable | undefined;
	let gigabyte: Uint8Array;

	before(async () => {
		await signInFresh(); // the suite's last test signed out
		registration = vscode.workspace.registerFileSystemProvider(`${MemoryImageFs.scheme}-bomb`, memory, { isReadonly: true });
		gigabyte = await deflatedZeros(1024 * 1024 * 1024); // zlib on Node's thread pool: the host stays free
	});

	after(() => registration?.dispose());

	const bombUri = (path: string) => vscode.Uri.from({ scheme: `${MemoryImageFs.scheme}-bomb`, path });

	it('refuses a ~1 MB PNG that inflates to 1 GiB under a 1000x1000 header, and one with a huge declared size, with clear errors', async () => {
		memory.add('/bomb.png', pngBomb(1000, 1000, gigabyte));
		memory.add('/huge.png', pngBomb(60_000, 60_000, gigabyte));
		const bomb = await analyze(bombUri('/bomb.png'), { preset: 'describe' });
		assert.deepEqual(bomb, {
			status: 'failed',
			message: 'bomb.png says it is a 1000 × 1000 pixel PNG image, but its compressed data expands far beyond that size (a decompression bomb?). It was not decoded.',
			next: 'none',
		});
		const huge = await analyze(bombUri('/huge.png'), { preset: 'describe' });
		assert.deepEqual(huge, { status: 'failed', message: 'huge.png is 60000 × 60000 pixels; images over 100 megapixels are not decoded.', next: 'none' });
		assert.deepEqual(await chatRequests(), [], 'nothing sent');
	});

	/**
	 * One full turn of the extension host's event loop: it completes only while the host's thread is free.
	 * (A round trip through the workbench, as before, took longer than the worker's whole decode on a busy
	 * machine, so "still decoding after three trips" was a race between two processes.)
	 */
	const roundTrip = () => new Promise<void>(resolve => setImmediate(resolve));

	it('keeps answering commands while the worker inflates a bomb to its declared size, then refuses it', async () => {
		// 9000x9000 RGBA declares 324 MB of pixel data: the worker inflates that much before it can refuse.
		memory.add('/slow-bomb.png', pngBomb(9000, 9000, gigabyte));
		const read = nextRead();
		const running = analyze(bombUri('/slow-bomb.png'), { preset: 'describe' });
		let settled = false;
		void running.finally(() => { settled = true; });
		await read;
		let trips = 0;
		while (!settled) {
			await roundTrip();
			trips++;
		}
		assert.deepEqual(await running, {
			status: 'failed',
			message: 'slow-bomb.png says it is a 9000 × 9000 pixel PNG image, but its compressed data expands far beyond that size (a decompression bomb?). It was not decoded.',
			next: 'none',
		});
		assert.ok(trips >= 3, `only ${trips} round trips completed while the image was being prepared`);
		assert.deepEqual(await chatRequests(), []);
	});

	it('Cancel stops the worker in the middle of decoding', async () => {
		memory.add('/cancel-bomb.png', pngBomb(9000, 9000, gigabyte));
		const source = new vscode.CancellationTokenSource();
		try {
			const read = nextRead();
			const running = analyze(bombUri('/cancel-bomb.png'), { preset: 'describe', cancellation: source.token });
			let settled = false;
			void running.finally(() => { settled = true; });
			await read;
			for (let trip = 0; trip < 3; trip++) {
				await roundTrip();
			}
			assert.equal(settled, false, 'still preparing after three turns of the host\'s event loop');
			source.cancel();
			assert.deepEqual(await running, { status: 'cancelled' });
		} finally {
			source.dispose();
		}
		assert.deepEqual(await chatRequests(), []);
	});

	function nextRead(): Promise<void> {
		return new Promise<void>(resolve => {
			const listener = memory.onDidRead(() => {
				listener.dispose();
				resolve();
			});
		});
	}
});
