import assert from 'node:assert/strict';
import { RateLimitedError } from '../../../src/api/errors';
import { cardView } from '../../../src/chat/conversationFormat';
import type { ErrorCardView } from '../../../src/shared/chatProtocol';

const card = (retryAt?: number): ErrorCardView => ({
	kind: 'rateLimited', title: 'Too many requests', message: 'Wait.', actions: ['retry'], ...(retryAt === undefined ? {} : { retryAt }),
});

describe('chat: the Retry-After countdown keeps one deadline', () => {
	it('the client fixes the deadline when the answer arrives, capped at 5 minutes', () => {
		const now = 1_700_000_000_000;
		const error = new RateLimitedError('429', 30, {}, now);
		assert.equal(error.retryAt, now + 30_000);
		const dayLong = new RateLimitedError('429', 86_400, {}, now);
		assert.equal(dayLong.retryAfterSeconds, 300);
		assert.equal(dayLong.retryAt, now + 300_000);
		assert.match(dayLong.userMessage, /Wait 300 seconds/);
	});

	it('every redraw sends the seconds left, not the original wait', () => {
		const now = 1_700_000_000_000;
		const stored = card(now + 30_000);
		assert.equal(cardView(stored, now).retryAfterSeconds, 30);
		assert.equal(cardView(stored, now + 10_000).retryAfterSeconds, 20);
		assert.equal(cardView(stored, now + 29_001).retryAfterSeconds, 1);
		assert.equal(cardView(stored, now + 30_000).retryAfterSeconds, undefined);
		assert.equal(cardView(stored, now).retryAt, undefined, 'the host clock never reaches the webview');
		assert.equal(cardView(card(), now).retryAfterSeconds, undefined);
		assert.equal(cardView(card(now + 86_400_000), now).retryAfterSeconds, 300, 'capped even for a stored deadline');
	});
});
