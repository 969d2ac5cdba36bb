import assert from 'node:assert/strict';
import { markdownImage, relativePath } from '../../../src/media/markdownLink';

describe('media: Markdown links', () => {
	it('walks from the document folder to the file', () => {
		assert.equal(relativePath('/w', '/w/aipass-media/cat.png'), 'aipass-media/cat.png');
		assert.equal(relativePath('/w/docs/guide', '/w/aipass-media/cat.png'), '../../aipass-media/cat.png');
		assert.equal(relativePath('/w/aipass-media', '/w/aipass-media/cat.png'), 'cat.png');
		assert.equal(relativePath('/w/aipass', '/w/aipass-media/cat.png'), '../aipass-media/cat.png');
	});

	it('escapes the alt text and encodes path segments', () => {
		assert.equal(markdownImage('a [red]\ncat', 'my media/cat (1).png'), '![a \\[red\\] cat](my%20media/cat%20(1).png)');
		assert.equal(markdownImage('x', '../a/b.png'), '![x](../a/b.png)');
	});

	it('keeps alt text short', () => {
		const link = markdownImage('word '.repeat(100), 'a.png');
		assert.ok(link.length < 120, link);
	});
});
