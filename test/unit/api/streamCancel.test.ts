import assert from 'node:assert/strict';
import { AiPassClient } from '../../../src/api/client';
import { AbortedError } from '../../../src/api/errors';
import { fixedTokens, type RawPeer, rejection, sleep, startRawPeer } from './helpers';

const FRAME = (content: string): string =>
	`data: ${JSON.stringify({ object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;

/** Waits until `check` holds, for at most `ms`. */
async function eventually(check: () => boolean, ms = 1000): Promise<boolean> {
	const end = Date.now() + ms;
	while (!check() && Date.now() < end) {
		await sleep(5);
	}
	return check();
}

describe('api: cancelling a stream closes the connection (seen by the peer)', () => {
	let peer: RawPeer;
	let client: AiPassClient;
	let settled = 0;
	const request = { model: 'gpt-5-mini', messages: [{ role: 'user' as const, content: 'hi' }] };

	beforeEach(async () => {
		// Two deltas, then silence: the stream never ends on its own.
		peer = await startRawPeer((_req, res) => {
			res.writeHead(200, { 'Content-Type': 'text/event-stream' });
			res.write(`: ping\n\n${FRAME('one ')}${FRAME('two ')}`);
		});
		settled = 0;
		client = new AiPassClient({
			baseUrl: () => peer.url, apiBasePath: () => '/v1', tokens: fixedTokens('t'), onPaidRequestSettled: () => settled++,
		});
	});
	afterEach(() => peer.close());

	it('abort: AbortedError at once, the socket closes, settled once', async () => {
		const controller = new AbortController();
		const seen: string[] = [];
		const started = performance.now();
		const error = await rejection((async () => {
			for await (const event of client.streamChat(request, controller.signal)) {
				if (event.type === 'delta') {
					seen.push(event.text);
					if (seen.length === 2) {
						setTimeout(() => controller.abort(), 30);
					}
				}
			}
		})());
		assert.ok(error instanceof AbortedError);
		assert.deepEqual(seen, ['one ', 'two ']);
		assert.ok(performance.now() - started < 500);
		assert.ok(await eventually(() => peer.closedEarly === 1), 'the peer saw the connection close');
		assert.equal(settled, 1);
	});

	it('leaving the loop early: the socket closes, settled once', async () => {
		for await (const event of client.streamChat(request)) {
			if (event.type === 'delta') {
				break;
			}
		}
		assert.ok(await eventually(() => peer.closedEarly === 1), 'the peer saw the connection close');
		assert.equal(settled, 1);
	});
});
