import assert from 'node:assert/strict';
import { decode as decodePng, encode as encodePng } from 'fast-png';
import { encode as encodeJpeg } from 'jpeg-js';
import { type RunningEmulator, startEmulator } from '../../emulator/server';
import { api, chat, signIn, sseBlocks } from './harness';

/** An RGBA image: `fill` for most of it, `accent` in its top-left quarter. */
function rgba(width: number, height: number, fill: readonly number[], accent: readonly number[]): Uint8Array {
	const data = new Uint8Array(width * height * 4);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			data.set(x < width / 4 && y < height / 4 ? accent : fill, (y * width + x) * 4);
		}
	}
	return data;
}

function dataUrl(mime: string, bytes: Uint8Array): string {
	return `data:${mime};base64,${Buffer.from(bytes).toString('base64')}`;
}

describe('emulator: demo mode (the playground)', () => {
	let emulator: RunningEmulator;
	let access = '';
	before(async () => {
		emulator = await startEmulator({ quiet: true, demo: true });
	});
	after(async () => {
		await emulator.close();
	});
	beforeEach(async () => {
		await emulator.admin.reset();
		access = (await signIn(emulator.url)).access_token;
	});

	async function answer(content: unknown): Promise<string> {
		const response = await chat(emulator.url, access, { messages: [{ role: 'user', content }] });
		assert.equal(response.status, 200);
		return ((await response.json()) as { choices: Array<{ message: { content: string } }> }).choices[0].message.content;
	}

	it('stays on after a reset and streams at a model-like pace (config chunkDelayMs)', async () => {
		const config = await emulator.admin.getConfig();
		assert.equal(config.demo, true);
		assert.ok(config.chunkDelayMs >= 10 && config.chunkDelayMs <= 100, `chunkDelayMs ${config.chunkDelayMs}`);
	});

	it('answers in Markdown: a heading, a list, a table and code in two languages', async () => {
		const text = await answer('How do I debounce a function in TypeScript?');
		assert.match(text, /^## How do I debounce a function in TypeScript\?$/m);
		assert.match(text, /^1\. \*\*Start small\*\*/m);
		assert.match(text, /^\|---\|---\|---\|$/m);
		const fences = [...text.matchAll(/^```(\w+)$/gm)].map(match => match[1]);
		assert.equal(fences.length, 2);
		assert.equal(fences[0], 'typescript', 'the language the question names comes first');
		assert.notEqual(fences[1], fences[0]);
		assert.match(text, /POST \/__admin\/chat-reply/, 'says how to script answers');
	});

	it('streams the answer word by word, ending with [DONE]', async () => {
		await emulator.admin.setConfig({ chunkDelayMs: 0 }); // the pace is the config above; this test looks at the frames
		const response = await chat(emulator.url, access, { messages: [{ role: 'user', content: 'Explain closures in Python' }], stream: true });
		const blocks = sseBlocks(await response.text());
		const pieces = blocks
			.filter(block => block.startsWith('data: {'))
			.map(block => (JSON.parse(block.slice(6)) as { choices: Array<{ delta: { content?: string } }> }).choices[0]?.delta.content ?? '');
		assert.ok(pieces.filter(piece => piece !== '').length > 100, `${pieces.length} chunks`);
		assert.match(pieces.join(''), /```python\n/);
		assert.equal(blocks.at(-1), 'data: [DONE]');
	});

	it('a scripted reply still wins over the demo answer', async () => {
		await emulator.admin.setChatReply({ content: 'scripted', once: true });
		assert.equal(await answer('anything'), 'scripted');
	});

	it('describes a PNG from its real pixels: size, format, dominant colour', async () => {
		const png = encodePng({ width: 300, height: 200, data: rgba(300, 200, [30, 80, 220, 255], [255, 255, 255, 255]), channels: 4, depth: 8 });
		const text = await answer([{ type: 'text', text: 'What is in this picture?' }, { type: 'image_url', image_url: { url: dataUrl('image/png', png) } }]);
		assert.match(text, /\*\*PNG\*\* of \*\*300 × 200\*\* pixels \(landscape, 3:2\)/);
		assert.match(text, /\*\*Dominant colour:\*\* blue \(`#1e50dc`\), about 94 %/);
		assert.match(text, /white \(`#ffffff`, 6 %\)/);
		assert.match(text, /\*\*Transparency:\*\* none/);
	});

	it('describes a JPEG and answers JSON when the prompt asks for JSON', async () => {
		const jpeg = encodeJpeg({ width: 64, height: 128, data: Buffer.from(rgba(64, 128, [220, 30, 30, 255], [220, 30, 30, 255])) }, 90).data;
		const text = await answer([{ type: 'text', text: 'Answer as JSON.' }, { type: 'image_url', image_url: { url: dataUrl('image/jpeg', jpeg) } }]);
		const json = JSON.parse(/```json\n([\s\S]*)\n```/.exec(text)?.[1] ?? 'null') as { format: string; width: number; height: number; dominantColour: { name: string } };
		assert.deepEqual([json.format, json.width, json.height, json.dominantColour.name], ['jpeg', 64, 128, 'red']);
	});

	it('draws generated images at the requested size: a gradient with the prompt written in white', async () => {
		const response = await api(emulator.url, access, '/images/generations', {
			method: 'POST', headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ model: 'nano-banana-2', prompt: 'A lighthouse at dusk', size: '640x360' }),
		});
		assert.equal(response.status, 200);
		const body = (await response.json()) as { data: Array<{ b64_json: string; revised_prompt: string }> };
		const png = decodePng(Buffer.from(body.data[0].b64_json, 'base64'));
		assert.deepEqual([png.width, png.height, png.channels], [640, 360, 3]);
		const pixel = (x: number, y: number): string => [...png.data.subarray((y * 640 + x) * 3, (y * 640 + x) * 3 + 3)].join(',');
		assert.notEqual(pixel(0, 0), pixel(639, 359), 'a gradient, not one colour');
		let white = 0;
		for (let y = 150; y < 210; y++) {
			for (let x = 0; x < 640; x++) {
				white += pixel(x, y) === '255,255,255' ? 1 : 0;
			}
		}
		assert.ok(white > 500, `${white} white text pixels across the middle`);
	});

	it('is off by default and switches on through the admin API', async () => {
		const plain = await startEmulator({ quiet: true });
		try {
			const token = (await signIn(plain.url)).access_token;
			const ask = async (): Promise<string> => ((await (await chat(plain.url, token, { messages: [{ role: 'user', content: 'hi' }] })).json()) as { choices: Array<{ message: { content: string } }> }).choices[0].message.content;
			assert.equal(await ask(), 'Echo: hi');
			await plain.admin.setConfig({ demo: true });
			assert.match(await ask(), /^## hi$/m);
		} finally {
			await plain.close();
		}
	});
});
