/**
 * SSE throughput: the client's stream path as the product uses it (`parseChatStreamBatches`, each
 * batch looped over synchronously, as `streamChatBatches` consumers do) against a bare `eventsource-parser` loop over the
 * same ~5 MB recorded chat stream. Run with `npx tsx test/bench/sse.bench.ts`.
 *
 * Both sides are CPU-bound and in one process, so each run is timed by the process's CPU time
 * (`process.cpuUsage`), not the wall clock: on a shared machine the wall clock also counts the time
 * other processes held the cores, which swung single ratios from 0.76x to 1.05x. Runs are paired
 * (raw and client back to back, order alternating, as the second of a pair pays for the first one's
 * garbage), warmed up first (JIT, young generation grown to its working size), and the ratio is the
 * median of the per-pair ratios, printed with its interquartile range.
 */
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { parseChatStreamBatches } from '../../src/api/client';

const TARGET_BYTES = 5 * 1024 * 1024;
const CHUNK_BYTES = 16 * 1024;
const ROUNDS = 31;
const WARM_UP_ROUNDS = 4;
const WORDS = ['The', ' quick', ' brown', ' fox', ' jumps', ' over', ' the', ' lazy', ' dog', '.', ' Ünïcødé', ' ✓', ' 🙂', '\n'];

/** A realistic LiteLLM-style stream: ping, role chunk, content chunks, finish, usage, [DONE]. */
export function buildRecordedStream(targetBytes = TARGET_BYTES): { bytes: Uint8Array; chars: number } {
	const head = { id: 'chatcmpl-8f2c1e9a7b6d5c4e3f2a1b0c', object: 'chat.completion.chunk', created: 1753000000, model: 'gpt-5-mini' };
	const frame = (value: unknown): string => `data: ${JSON.stringify(value)}\n\n`;
	const parts = [': ping\n\n', frame({ ...head, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] })];
	let size = parts[0].length + parts[1].length;
	let chars = 0;
	for (let i = 0; size < targetBytes; i++) {
		const content = WORDS[i % WORDS.length];
		const part = frame({ ...head, choices: [{ index: 0, delta: { content }, finish_reason: null }] });
		parts.push(part);
		size += part.length;
		chars += content.length;
	}
	parts.push(frame({ ...head, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }));
	parts.push(frame({ ...head, choices: [], usage: { prompt_tokens: 12, completion_tokens: 40000, total_tokens: 40012 } }));
	parts.push('data: [DONE]\n\n');
	return { bytes: new TextEncoder().encode(parts.join('')), chars };
}

/** (a) The floor: eventsource-parser + TextDecoder + JSON.parse + reading the delta, all synchronous. */
function rawChars(bytes: Uint8Array): number {
	let chars = 0;
	const decoder = new TextDecoder();
	const parser = createParser({
		onEvent(event: EventSourceMessage) {
			if (event.data === '[DONE]') {
				return;
			}
			const frame = JSON.parse(event.data) as { choices?: { delta?: { content?: unknown } }[] };
			const content = frame.choices?.[0]?.delta?.content;
			if (typeof content === 'string') {
				chars += content.length;
			}
		},
	});
	for (let offset = 0; offset < bytes.length; offset += CHUNK_BYTES) {
		parser.feed(decoder.decode(bytes.subarray(offset, offset + CHUNK_BYTES), { stream: true }));
	}
	parser.feed(decoder.decode());
	return chars;
}

/** (b) The client: a ReadableStream of 16 KB chunks through `parseChatStreamBatches`. */
async function clientChars(bytes: Uint8Array): Promise<number> {
	let offset = 0;
	const body = new ReadableStream<Uint8Array>({
		pull(controller) {
			if (offset >= bytes.length) {
				controller.close();
				return;
			}
			controller.enqueue(bytes.subarray(offset, offset + CHUNK_BYTES));
			offset += CHUNK_BYTES;
		},
	});
	let chars = 0;
	for await (const batch of parseChatStreamBatches(body)) {
		for (const event of batch) {
			if (event.type === 'delta') {
				chars += event.text.length;
			}
		}
	}
	return chars;
}

function quantile(values: number[], q: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor((sorted.length - 1) * q)];
}

/** CPU seconds of this process since `start` (user + system, all of its threads: GC helpers included). */
function cpuSeconds(start: NodeJS.CpuUsage): number {
	const used = process.cpuUsage(start);
	return (used.user + used.system) / 1e6;
}

export interface SseBenchResult {
	rawMBps: number;
	clientMBps: number;
	/** Median of the per-pair ratios (client speed / raw speed). */
	ratio: number;
	/** The interquartile range of the per-pair ratios. */
	ratioLow: number;
	ratioHigh: number;
}

export async function runSseBench(): Promise<SseBenchResult> {
	const { bytes, chars } = buildRecordedStream();
	const megabytes = bytes.length / (1024 * 1024);
	const raw: number[] = [];
	const client: number[] = [];
	const timeRaw = (): number => {
		const start = process.cpuUsage();
		const result = rawChars(bytes);
		raw.push(megabytes / cpuSeconds(start));
		return result;
	};
	const timeClient = async (): Promise<number> => {
		const start = process.cpuUsage();
		const result = await clientChars(bytes);
		client.push(megabytes / cpuSeconds(start));
		return result;
	};
	for (let round = -WARM_UP_ROUNDS; round < ROUNDS; round++) {
		// Alternate which runs first: the second one of a pair pays for the first one's garbage.
		let rawResult: number;
		let clientResult: number;
		if (round % 2 === 0) {
			rawResult = timeRaw();
			clientResult = await timeClient();
		} else {
			clientResult = await timeClient();
			rawResult = timeRaw();
		}
		if (rawResult !== chars || clientResult !== chars) {
			throw new Error(`content mismatch: expected ${chars} characters, raw ${rawResult}, client ${clientResult}`);
		}
		if (round < 0) {
			raw.length = 0;
			client.length = 0;
		}
	}
	// Rounds are paired (same moment, same machine load), so the ratio is the median of per-round ratios.
	const ratios = client.map((mbps, i) => mbps / raw[i]);
	return {
		rawMBps: quantile(raw, 0.5), clientMBps: quantile(client, 0.5),
		ratio: quantile(ratios, 0.5), ratioLow: quantile(ratios, 0.25), ratioHigh: quantile(ratios, 0.75),
	};
}

/** One line of figures, as `npm run bench` prints it. */
export function describeSseBench(result: SseBenchResult): string {
	return `raw eventsource-parser ${result.rawMBps.toFixed(1)} MB/s | client parseChatStreamBatches ${result.clientMBps.toFixed(1)} MB/s (CPU time) | ` +
		`ratio ${result.ratio.toFixed(2)}x, middle half of the pairs ${result.ratioLow.toFixed(2)}-${result.ratioHigh.toFixed(2)}x (goal >= 0.90x)`;
}

if (process.argv[1]?.endsWith('sse.bench.ts')) {
	runSseBench().then((result) => {
		console.log(`sse: ${describeSseBench(result)}`);
	}, (e: unknown) => {
		console.error(e);
		process.exitCode = 1;
	});
}
