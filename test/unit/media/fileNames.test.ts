import assert from 'node:assert/strict';
import { baseName, fileTimestamp, mediaFileName, numberedName, slugify } from '../../../src/media/fileNames';

describe('media: file names', () => {
	it('slugs a prompt: lower case, accents folded, punctuation collapsed', () => {
		assert.equal(slugify('Ein Café, at NIGHT!  (v2)'), 'ein-cafe-at-night-v2');
		assert.equal(slugify('  --a__b--  '), 'a-b');
	});

	it('falls back when nothing readable is left', () => {
		assert.equal(slugify('日本語 🎨'), 'media');
		assert.equal(slugify('!!!', 'image'), 'image');
	});

	it('cuts long prompts at a word boundary, never ending on a dash', () => {
		const slug = slugify('a watercolour lighthouse on a rocky coast at dawn with seagulls and fog');
		assert.ok(slug.length <= 40, slug);
		assert.equal(slug, 'a-watercolour-lighthouse-on-a-rocky');
		assert.equal(slugify('x'.repeat(100)).length, 40);
	});

	it('stamps local time sortably', () => {
		assert.equal(fileTimestamp(new Date(2026, 7, 2, 9, 5, 7)), '20260802-090507');
	});

	it('numbers files of one request and free-name attempts, keeping compound extensions', () => {
		assert.equal(mediaFileName('cat', '20260802-090507', 'png'), 'cat-20260802-090507.png');
		assert.equal(mediaFileName('cat', '20260802-090507', 'png', 2, 4), 'cat-20260802-090507-3.png');
		assert.equal(numberedName('cat.png', 1), 'cat.png');
		assert.equal(numberedName('cat.png', 2), 'cat (2).png');
		assert.equal(numberedName('note.embedding.json', 3), 'note (3).embedding.json');
		assert.equal(numberedName('README', 2), 'README (2)');
	});

	it('takes the last path segment', () => {
		assert.equal(baseName('/w/aipass-media/cat.png'), 'cat.png');
		assert.equal(baseName('cat.png'), 'cat.png');
	});
});
