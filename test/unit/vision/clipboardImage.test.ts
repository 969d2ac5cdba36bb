import assert from 'node:assert/strict';
import { parseClipboardImage } from '../../../src/vision/clipboardImage';
import { jpegOf, photo, pngOf } from './fixtures';

const LIMIT = 50 * 1024 * 1024;

describe('images in clipboard text', () => {
	const png = pngOf(photo(40, 30));
	const base64 = Buffer.from(png).toString('base64');

	it('a data URL, with parameters and line breaks in the base64', () => {
		for (const text of [`data:image/png;base64,${base64}`, `  data:image/png;charset=binary;base64,${base64.replace(/(.{76})/g, '$1\n')}\n`]) {
			const found = parseClipboardImage(text, LIMIT);
			assert.equal(found?.kind, 'bytes');
			assert.deepEqual(found?.kind === 'bytes' && found.bytes, png);
		}
	});

	it('bare base64 only when it decodes to an image format it can read', () => {
		const jpeg = Buffer.from(jpegOf(photo(20, 20))).toString('base64');
		const found = parseClipboardImage(jpeg, LIMIT);
		assert.deepEqual(found?.kind === 'bytes' && found.origin, 'base64');
		assert.equal(parseClipboardImage(Buffer.from('just some text that happens to be long enough to be base64 ok').toString('base64'), LIMIT), undefined);
	});

	it('refuses an oversized data URL without decoding it', () => {
		const found = parseClipboardImage(`data:image/png;base64,${base64}`, 100);
		assert.equal(found?.kind, 'tooLarge');
		assert.equal(found?.kind === 'tooLarge' && found.bytes, png.length);
	});

	it('image file paths: POSIX, Windows, quoted, relative and file:// URIs', () => {
		assert.deepEqual(parseClipboardImage('/home/ada/Pictures/receipt.JPG', LIMIT), { kind: 'path', path: '/home/ada/Pictures/receipt.JPG' });
		assert.deepEqual(parseClipboardImage('C:\\Users\\ada\\shot.png', LIMIT), { kind: 'path', path: 'C:\\Users\\ada\\shot.png' });
		assert.deepEqual(parseClipboardImage('"/tmp/with space.webp"', LIMIT), { kind: 'path', path: '/tmp/with space.webp' });
		assert.deepEqual(parseClipboardImage('docs/diagram.gif', LIMIT), { kind: 'path', path: 'docs/diagram.gif' });
		assert.deepEqual(parseClipboardImage('file:///tmp/a.jpeg', LIMIT), { kind: 'fileUri', uri: 'file:///tmp/a.jpeg' });
	});

	it('ignores text that is not an image', () => {
		for (const text of ['', 'hello', '/tmp/notes.txt', 'https://example.com/cat.png', 'two\nlines.png', 'data:text/plain;base64,aGVsbG8=', 'data:image/png;base64,!!!']) {
			assert.equal(parseClipboardImage(text, LIMIT), undefined, JSON.stringify(text));
		}
	});
});
