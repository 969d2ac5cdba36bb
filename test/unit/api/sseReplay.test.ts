import assert from 'node:assert/strict';
import { type ServerResponse } from 'node:http';
import { AiPassClient } from '../../../src/api/client';
import { parseChatStream } from '../../../src/api/chatStream';
import { type ChatStreamEvent } from '../../../src/api/types';
import { collect, fixedTokens, type RawPeer, sleep, startRawPeer, useEmulator } from './helpers';

/** Multi-byte characters on purpose: splits land inside UTF-8 sequences too. */
const REPLY = 'Grüße aus Köln — naïve café, ½ price ✓. Emoji 🙂🚀 and CJK 漢字 survive any split.';

/** A body that delivers `parts` as separate chunks. */
function bodyOf(parts: Uint8Array[]): ReadableStream<Uint8Array> {
	let i = 0;
	return new ReadableStream({
		pull(controller) {
			if (i < parts.length) {
				controller.enqueue(parts[i++]);
			} else {
				controller.close();
			}
		},
	});
}

describe('api: SSE replay of a recorded emulator stream at every chunk boundary', function () {
	this.timeout(120_000);
	const api = useEmulator();
	let recorded: Uint8Array;
	let expected: ChatStreamEvent[];
	let peer: RawPeer;

	before(async () => {
		// `/split/<k>/…` writes bytes [0, k) then [k, n) as separate TCP segments; `/bytes/…` one byte per write.
		peer = await startRawPeer(async (req, res: ServerResponse) => {
			res.writeHead(200, { 'Content-Type': 'text/event-stream' });
			const split = /^\/split\/(\d+)\//.exec(req.url ?? '');
			if (split !== null) {
				const k = Number(split[1]);
				res.write(recorded.subarray(0, k));
				await sleep(1);
				res.end(recorded.subarray(k));
				return;
			}
			for (const byte of recorded) {
				await new Promise<void>((resolve) => res.write(Uint8Array.of(byte), () => resolve()));
			}
			res.end();
		});
	});
	after(() => peer.close());

	beforeEach(async () => {
		if (recorded !== undefined) {
			return;
		}
		// Record once: the emulator's real bytes for a reply with usage and a ping.
		await api.emulator.admin.setChatReply({ content: REPLY });
		const response = await fetch(`${api.emulator.url}/v1/chat/completions`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${api.tokens.accessToken}`, 'Content-Type': 'application/json', Accept: 'text/event-stream' },
			body: JSON.stringify({ model: 'gpt-5-mini', messages: [{ role: 'user', content: 'hi' }], stream: true, stream_options: { include_usage: true } }),
		});
		recorded = new Uint8Array(await response.arrayBuffer());
		const whole = await collect(parseChatStream(bodyOf([recorded])));
		assert.equal(whole.error, undefined);
		expected = whole.events;
	});

	/** Replays through the real client over HTTP; `mode` picks how the peer cuts the bytes. */
	function replay(mode: string): Promise<{ events: ChatStreamEvent[]; error?: unknown }> {
		const client = new AiPassClient({ baseUrl: () => peer.url, apiBasePath: () => `/${mode}/v1`, tokens: fixedTokens('t') });
		return collect(client.streamChat({ model: 'gpt-5-mini', messages: [{ role: 'user', content: 'hi' }] }));
	}

	it('records a stream of a few KB with a ping, deltas, finish, usage and [DONE]', () => {
		const text = new TextDecoder().decode(recorded);
		assert.ok(recorded.length > 2000 && recorded.length < 20000, `${recorded.length} bytes`);
		assert.ok(text.startsWith(': ping\n\n'));
		assert.equal(expected.map((e) => (e.type === 'delta' ? e.text : '')).join(''), REPLY);
		assert.deepEqual(expected.slice(-3).map((e) => e.type), ['finish', 'usage', 'done']);
	});

	it('yields the same events for every split point, over HTTP', async () => {
		const mismatches: number[] = [];
		for (let first = 1; first < recorded.length; first += 16) {
			const batch = Array.from({ length: Math.min(16, recorded.length - first) }, (_, i) => first + i);
			await Promise.all(batch.map(async (k) => {
				const { events, error } = await replay(`split/${k}`);
				if (error !== undefined || JSON.stringify(events) !== JSON.stringify(expected)) {
					mismatches.push(k);
				}
			}));
		}
		assert.deepEqual(mismatches, []);
		assert.equal(peer.requests.filter((r) => r.url.startsWith('/split/')).length, recorded.length - 1);
	});

	it('yields the same events for every split point, chunk boundaries guaranteed (in-memory body)', async () => {
		for (let k = 1; k < recorded.length; k++) {
			const { events, error } = await collect(parseChatStream(bodyOf([recorded.subarray(0, k), recorded.subarray(k)])));
			assert.equal(error, undefined, `split at ${k}`);
			assert.deepEqual(events, expected, `split at ${k}`);
		}
	});

	it('yields the same events when the peer writes one byte at a time, and for 1-byte chunks', async () => {
		const { events, error } = await replay('bytes');
		assert.equal(error, undefined);
		assert.deepEqual(events, expected);
		const bytes = Array.from(recorded, (byte) => Uint8Array.of(byte));
		assert.deepEqual((await collect(parseChatStream(bodyOf(bytes)))).events, expected);
	});
});
