import assert from 'node:assert/strict';
import { absoluteTime, relativeTime } from '../../../src/chat/relativeTime';

describe('relativeTime: History\'s "2 hours ago"', () => {
	const now = Date.UTC(2026, 10, 27, 12, 0, 0);
	const ago = (seconds: number) => relativeTime(now - seconds * 1000, now, 'en');

	it('says the largest unit that fits, rounded, in words', () => {
		assert.equal(ago(5), 'now');
		assert.equal(ago(90), '2 minutes ago');
		assert.equal(ago(2 * 3600 + 60), '2 hours ago');
		assert.equal(ago(26 * 3600), 'yesterday');
		assert.equal(ago(3 * 24 * 3600), '3 days ago');
		assert.equal(ago(8 * 24 * 3600), 'last week');
		assert.equal(ago(62 * 24 * 3600), '2 months ago');
		assert.equal(ago(400 * 24 * 3600), 'last year');
	});

	it('speaks the display language and survives a tag Intl does not accept', () => {
		assert.equal(relativeTime(now - 2 * 3600 * 1000, now, 'de'), 'vor 2 Stunden');
		assert.equal(relativeTime(now - 2 * 3600 * 1000, now, 'not a locale!'), new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' }).format(-2, 'hour'));
	});

	it('a clock that went backwards reads as now, not "in 5 minutes"', () => {
		assert.equal(relativeTime(now + 300_000, now, 'en'), 'now');
	});

	it('the absolute date carries the day and the time', () => {
		const text = absoluteTime(now, 'en');
		assert.match(text, /Nov 27, 2026/);
		assert.match(text, /\d{1,2}:\d{2}/);
	});
});
