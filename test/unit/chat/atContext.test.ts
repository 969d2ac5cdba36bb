import assert from 'node:assert/strict';
import { checkContextLimits, contextSize, formatBytes, formatTokenCount } from '../../../src/chat/contextLimits';
import { fuzzyScore, rankPaths } from '../../../src/chat/contextRanking';
import { atQueryAt, removeAtQuery } from '../../../src/webview/chat/atQuery';

describe('@ context: the trigger and its query', () => {
	it('finds an @ at the start or after whitespace, up to the caret', () => {
		assert.deepEqual(atQueryAt('@', 1), { start: 0, end: 1, query: '' });
		assert.deepEqual(atQueryAt('see @chatS', 10), { start: 4, end: 10, query: 'chatS' });
		assert.deepEqual(atQueryAt('line\n@src/a', 11), { start: 5, end: 11, query: 'src/a' });
		assert.deepEqual(atQueryAt('see @chatSession now', 9), { start: 4, end: 9, query: 'chat' }, 'only up to the caret');
	});

	it('is no trigger inside a word, after whitespace in the query, or past the length limit', () => {
		assert.equal(atQueryAt('mail me@example.com', 19), undefined);
		assert.equal(atQueryAt('@chat session', 13), undefined);
		assert.equal(atQueryAt('no at here', 10), undefined);
		assert.equal(atQueryAt('', 0), undefined);
		assert.equal(atQueryAt(`@${'x'.repeat(101)}`, 102), undefined);
		assert.ok(atQueryAt(`@${'x'.repeat(100)}`, 101));
	});

	it('takes the @query out of the text and puts the caret where it was', () => {
		const text = 'explain @chatS please';
		const at = atQueryAt(text, 14);
		assert.ok(at);
		assert.deepEqual(removeAtQuery(text, at), { text: 'explain  please', caret: 8 });
	});
});

describe('@ context: fuzzy ranking of workspace paths', () => {
	const paths = ['src/chat/chatSession.ts', 'src/chat/chatController.ts', 'src/chat/session/store.ts', 'test/unit/chat/sessionHelpers.ts', 'README.md', 'src/webview/chat/composer.ts'];

	it('matches characters in order, case-insensitively', () => {
		assert.ok(fuzzyScore('chatS', 'chatSession.ts') !== undefined);
		assert.ok(fuzzyScore('cs', 'chatSession.ts') !== undefined);
		assert.equal(fuzzyScore('sc', 'cs'), undefined);
		assert.ok((fuzzyScore('chat', 'chatSession.ts') ?? 0) > (fuzzyScore('chat', 'xcxhxaxt.ts') ?? 0), 'a contiguous prefix beats scattered letters');
	});

	it('ranks a match in the file name above one that needs the folders', () => {
		const ranked = rankPaths(paths, 'session', [], 10);
		assert.deepEqual(ranked.filter(r => r.inName).map(r => r.path), ['test/unit/chat/sessionHelpers.ts', 'src/chat/chatSession.ts']);
		assert.equal(ranked.at(-1)?.path, 'src/chat/session/store.ts', 'a folder-only match comes last');
		assert.equal(ranked.at(-1)?.inName, false);
	});

	it('puts the closest file name first for a typed prefix', () => {
		assert.equal(rankPaths(paths, 'chatS', [], 10)[0].path, 'src/chat/chatSession.ts');
		assert.equal(rankPaths(paths, 'comp', [], 10)[0].path, 'src/webview/chat/composer.ts');
		assert.deepEqual(rankPaths(paths, 'zzz', [], 10), []);
	});

	it('lists open editors first for an empty query, then the rest by path, at most the limit', () => {
		const ranked = rankPaths(paths, '', ['src/webview/chat/composer.ts', 'README.md'], 4).map(r => r.path);
		assert.deepEqual(ranked, ['src/webview/chat/composer.ts', 'README.md', 'src/chat/chatController.ts', 'src/chat/chatSession.ts']);
		assert.equal(rankPaths(paths, 's', [], 3).length, 3);
	});
});

describe('@ context: sizes and limits', () => {
	const limits = { maxItems: 3, maxItemBytes: 1000, maxTotalBytes: 1500 };

	it('refuses an item over the count, the per-item size or the total, and says which limit', () => {
		assert.equal(checkContextLimits([], 1000, limits), undefined);
		assert.deepEqual(checkContextLimits([], 1001, limits), { reason: 'itemBytes', limit: 1000 });
		assert.deepEqual(checkContextLimits([100, 100, 100], 1, limits), { reason: 'count', limit: 3 });
		assert.deepEqual(checkContextLimits([800], 701, limits), { reason: 'totalBytes', limit: 1500 });
		assert.equal(checkContextLimits([800], 700, limits), undefined);
	});

	it('formats bytes and token counts as chips show them', () => {
		assert.equal(formatBytes(812), '812 B');
		assert.equal(formatBytes(12 * 1024 + 300), '12 KB');
		assert.equal(formatBytes(1536), '1.5 KB');
		assert.equal(formatBytes(1024), '1 KB');
		assert.equal(formatBytes(1.4 * 1024 * 1024), '1.4 MB');
		assert.equal(formatTokenCount(950), '950');
		assert.equal(formatTokenCount(3140), '3.1k');
		assert.equal(formatTokenCount(42_400), '42k');
	});

	it('counts UTF-8 bytes and estimates tokens at 4 characters each', () => {
		assert.deepEqual(contextSize('abcd'), { bytes: 4, tokens: 1 });
		assert.deepEqual(contextSize('äö'), { bytes: 4, tokens: 1 });
		assert.deepEqual(contextSize('x'.repeat(12_400)), { bytes: 12_400, tokens: 3100 });
	});
});
