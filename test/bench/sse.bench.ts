/**
 * SSE throughput: the client's `parseChatStream` against a bare `eventsource-parser` loop over the
 * same ~5 MB recorded chat stream. Run with `npx tsx test/bench/sse.bench.ts`.
 */
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { parseChatStream } from '../../src/api/client';

const TARGET_BYTES = 5 * 1024 * 1024;
const CHUNK_BYTES = 16 * 1024;
const ROUNDS = 30;
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

/** (b) The client: a ReadableStream of 16 KB chunks through `parseChatStream`. */
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
	for await (const event of parseChatStream(body)) {
		if (event.type === 'delta') {
			chars += event.text.length;
		}
	}
	return chars;
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

export async function runSseBench(): Promise<{ rawMBps: number; clientMBps: number; ratio: number }> {
	const { bytes, chars } = buildRecordedStream();
	const megabytes = bytes.length / (1024 * 1024);
	const raw: number[] = [];
	const client: number[] = [];
	// One warm-up of each, then interleaved rounds so both see the same machine state.
	rawChars(bytes);
	await clientChars(bytes);
	const timeRaw = (): number => {
		const start = performance.now();
		const result = rawChars(bytes);
		raw.push(megabytes / ((performance.now() - start) / 1000));
		return result;
	};
	const timeClient = async (): Promise<number> => {
		const start = performance.now();
		const result = await clientChars(bytes);
		client.push(megabytes / ((performance.now() - start) / 1000));
		return result;
	};
	for (let round = 0; round < ROUNDS; round++) {
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
	}
	// Rounds are paired (same moment, same machine load), so the ratio is the median of per-round ratios.
	return { rawMBps: median(raw), clientMBps: median(client), ratio: median(client.map((mbps, i) => mbps / raw[i])) };
}

if (process.argv[1]?.endsWith('sse.bench.ts')) {
	runSseBench().then(({ rawMBps, clientMBps, ratio }) => {
		console.log(`sse: raw eventsource-parser ${rawMBps.toFixed(1)} MB/s, parseChatStream ${clientMBps.toFixed(1)} MB/s, ` +
			`ratio ${ratio.toFixed(2)}x (goal >= 0.90x)`);
	}, (e: unknown) => {
		console.error(e);
		process.exitCode = 1;
	});
}
