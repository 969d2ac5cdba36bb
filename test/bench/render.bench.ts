/**
 * Chat rendering cost of a long streamed answer (~200 KB of mixed markdown and code in 20-50 character
 * chunks) in headless Chromium: the REAL built webview bundle (dist/webview/chat.js, stub
 * acquireVsCodeApi) fed the chunks as host `delta` messages, against a naive renderer in the same page
 * (same markdown-it setup + DOMPurify, the whole message re-rendered per chunk). Each chunk gets its own
 * frame (the bench drives requestAnimationFrame), so both render once per chunk; the time counted is
 * the main thread's: performance.now() around each update (message handling, rendering, the layout the
 * auto-scroll forces), plus CDP's TaskDuration for the whole run. Run with `npx tsx test/bench/render.bench.ts`.
 */
import * as esbuild from 'esbuild';
import type { CDPSession } from 'playwright-core';
import { initMessage, openChatWebviewPage } from '../e2e/chatWebviewPage';
import { launchChromium } from '../host/browser';
import { projectRoot } from '../host/hostPaths';

export interface RenderRun {
	kilobytes: number;
	chunks: number;
	/** Sum of performance.now() around each update, ms. */
	updateMs: number;
	/** CDP Performance TaskDuration over the run, ms. */
	taskMs: number;
}

export interface RenderBenchResult {
	/** The incremental renderer at the full size and twice that. */
	incremental: [RenderRun, RenderRun];
	/** Both renderers at a size the naive one finishes in reasonable time, and twice that. */
	comparison: { incremental: [RenderRun, RenderRun]; naive: [RenderRun, RenderRun] };
}

/** A deterministic answer of about `targetBytes`: headings, prose, lists, tables, quotes and code. */
export function buildAnswer(targetBytes: number): string {
	const sections: string[] = [];
	let size = 0;
	for (let i = 0; size < targetBytes; i++) {
		const section = [
			`## Step ${i}: handling case ${i}`,
			`This paragraph explains **case ${i}** with _emphasis_, \`inlineCode(${i})\` and a [link](https://example.com/docs/${i}). ` +
				'It keeps going for a while so that paragraphs have realistic lengths, with words like stream, render and block.',
			`- first point about ${i}\n- second point with \`code\`\n  - nested detail ${i}\n  - another nested detail\n- third point`,
			'```ts\n' + Array.from({ length: 12 }, (_, line) => `export function step${i}_${line}(value: number): number {\n\treturn value * ${line} + ${i}; // line ${line}\n}`).join('\n') + '\n```',
			`| option | value | note |\n|:--|--:|:-:|\n| alpha | ${i} | ok |\n| beta | ${i * 2} | fine |`,
			`> Note ${i}: quoted advice that spans\n> two lines.`,
			'```python\n' + Array.from({ length: 6 }, (_, line) => `def handler_${i}_${line}(x):\n    return [y * ${line} for y in range(x)]`).join('\n') + '\n```',
		].join('\n\n') + '\n\n';
		sections.push(section);
		size += section.length;
	}
	return sections.join('');
}

/** 20-50 character chunks (deterministic). */
export function chunksOf(text: string): string[] {
	const chunks: string[] = [];
	let seed = 12345;
	for (let i = 0; i < text.length;) {
		seed = (seed * 1103515245 + 12345) & 0x7fffffff;
		const size = 20 + (seed % 31);
		chunks.push(text.slice(i, i + size));
		i += size;
	}
	return chunks;
}

/** The bench drives frames: requestAnimationFrame callbacks wait in a queue that `__runFrames` empties. */
const manualFrames = `window.__frameQueue = [];
window.requestAnimationFrame = callback => window.__frameQueue.push(callback);
window.__runFrames = () => { const queue = window.__frameQueue; window.__frameQueue = []; for (const cb of queue) cb(performance.now()); };`;

/** The naive baseline, bundled from the webview's own markdown modules: render everything, every chunk. */
async function naiveBundle(): Promise<string> {
	const result = await esbuild.build({
		stdin: {
			contents: `import { createMarkdownRenderer } from './src/webview/chat/markdown/markdownRenderer';
				import { sanitizeToFragment } from './src/webview/chat/markdown/sanitize';
				const renderer = createMarkdownRenderer();
				window.__naiveRender = (element, text) => element.replaceChildren(sanitizeToFragment(renderer.render(text, { highlight: false })));`,
			resolveDir: projectRoot,
			loader: 'ts',
		},
		bundle: true, write: false, format: 'iife', platform: 'browser', target: 'chrome120', minify: true, logLevel: 'warning',
	});
	return result.outputFiles[0].text;
}

async function taskDuration(session: CDPSession): Promise<number> {
	const { metrics } = await session.send('Performance.getMetrics');
	return (metrics.find(m => m.name === 'TaskDuration')?.value ?? 0) * 1000;
}

/** Feeds the chunks to the real webview (incremental) or to the naive renderer; returns update time in ms. */
const feed = `async ({ chunks, mode }) => {
	const yieldNow = () => new Promise(resolve => { const channel = new MessageChannel(); channel.port1.onmessage = () => resolve(); channel.port2.postMessage(0); });
	let total = 0;
	if (mode === 'incremental') {
		window.dispatchEvent(new MessageEvent('message', { data: { type: 'messageAdded', message: { id: 'bench', role: 'assistant', text: '', model: 'bench', status: 'streaming' } } }));
		window.__runFrames();
		let offset = 0;
		for (const text of chunks) {
			const start = performance.now();
			window.dispatchEvent(new MessageEvent('message', { data: { type: 'delta', messageId: 'bench', offset, text } }));
			window.__runFrames();
			total += performance.now() - start;
			offset += text.length;
			await yieldNow();
		}
		const start = performance.now();
		window.dispatchEvent(new MessageEvent('message', { data: { type: 'messageFinished', messageId: 'bench', status: 'done', text: chunks.join('') } }));
		total += performance.now() - start;
	} else {
		const transcript = document.querySelector('.transcript');
		const element = document.createElement('div');
		element.className = 'markdown';
		transcript.append(element);
		let text = '';
		for (const chunk of chunks) {
			const start = performance.now();
			text += chunk;
			window.__naiveRender(element, text);
			transcript.scrollTop = transcript.scrollHeight;
			total += performance.now() - start;
			await yieldNow();
		}
	}
	return total;
}`;

async function measure(mode: 'incremental' | 'naive', answer: string, naiveCode: string): Promise<RenderRun> {
	const browser = await launchChromium();
	try {
		const chat = await openChatWebviewPage(browser, { beforeLoad: manualFrames });
		await chat.host(initMessage());
		await chat.page.evaluate('window.__runFrames()');
		await chat.page.evaluate(naiveCode);
		const session = await chat.page.context().newCDPSession(chat.page);
		await session.send('Performance.enable');
		const chunks = chunksOf(answer);
		const before = await taskDuration(session);
		const updateMs = await chat.page.evaluate(`(${feed})(${JSON.stringify({ chunks, mode })})`) as number;
		const taskMs = (await taskDuration(session)) - before;
		const rendered = await chat.page.evaluate(`document.querySelector('.transcript').textContent.length`) as number;
		if (rendered < answer.length / 2) {
			throw new Error(`${mode}: only ${rendered} characters were rendered`);
		}
		await chat.close();
		return { kilobytes: answer.length / 1024, chunks: chunks.length, updateMs, taskMs };
	} finally {
		await browser.close();
	}
}

/**
 * The incremental renderer at `baseBytes` and twice that; next to it, in the same run, the incremental
 * and naive renderers at `naiveBaseBytes` and twice that (the naive one is quadratic: at 200 KB it would
 * take many minutes per run).
 */
export async function runRenderBench(baseBytes = 200 * 1024, naiveBaseBytes = 25 * 1024): Promise<RenderBenchResult> {
	const naiveCode = await naiveBundle();
	// A fresh browser per run, so one run's garbage and caches never weigh on the next.
	const run = async (mode: 'incremental' | 'naive', bytes: number): Promise<[RenderRun, RenderRun]> =>
		[await measure(mode, buildAnswer(bytes), naiveCode), await measure(mode, buildAnswer(2 * bytes), naiveCode)];
	return {
		incremental: await run('incremental', baseBytes),
		comparison: { incremental: await run('incremental', naiveBaseBytes), naive: await run('naive', naiveBaseBytes) },
	};
}

export function describeRenderBench(result: RenderBenchResult): string[] {
	const line = (name: string, [one, two]: [RenderRun, RenderRun]): string =>
		`${name.padEnd(12)} 1x ${one.kilobytes.toFixed(0)} KB/${one.chunks} chunks: ${one.updateMs.toFixed(0)} ms (tasks ${one.taskMs.toFixed(0)} ms) | ` +
		`2x ${two.kilobytes.toFixed(0)} KB/${two.chunks} chunks: ${two.updateMs.toFixed(0)} ms (tasks ${two.taskMs.toFixed(0)} ms) | ` +
		`2x/1x ${(two.updateMs / one.updateMs).toFixed(2)}`;
	const { comparison } = result;
	return [
		`${line('incremental', result.incremental)} (goal ~2: linear)`,
		'same run, smaller answers, both renderers:',
		line('incremental', comparison.incremental),
		line('naive', comparison.naive),
		`naive / incremental: ${(comparison.naive[0].updateMs / comparison.incremental[0].updateMs).toFixed(1)}x at 1x, ` +
			`${(comparison.naive[1].updateMs / comparison.incremental[1].updateMs).toFixed(1)}x at 2x`,
	];
}

if (process.argv[1]?.endsWith('render.bench.ts')) {
	const kilobytes = Number(process.argv[2] ?? 200);
	const naiveKilobytes = Number(process.argv[3] ?? 25);
	runRenderBench(kilobytes * 1024, naiveKilobytes * 1024).then(result => {
		for (const line of describeRenderBench(result)) {
			console.log(line);
		}
	}, (e: unknown) => {
		console.error(e);
		process.exitCode = 1;
	});
}
