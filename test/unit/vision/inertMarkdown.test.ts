import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { inertMarkdown } from '../../../src/vision/inertMarkdown';

/** Configured as VS Code's Markdown preview is: raw HTML on, bare URLs linked. */
const preview = new MarkdownIt({ html: true, linkify: true });

const HOSTILE = [
	'Total: 42 EUR ![pixel](http://evil.example/ping?a=1)',
	'![ref image][tracker]',
	'',
	'[tracker]: https://evil.example/ref.png',
	'',
	'<img src="https://evil.example/img.png"> and <IMG SRC=//evil.example/x>',
	'<picture><source srcset="https://evil.example/s.png"></picture>',
	'<video src="https://evil.example/v.mp4" poster="https://evil.example/p.png"></video><audio src="https://evil.example/a.mp3">',
	'<svg><image href="https://evil.example/svg.png"/></svg>',
	'<div style="background:url(https://evil.example/bg.png)">styled</div>',
	'<details><summary>x</summary><img src=https://evil.example/nested.png></details>',
	'`![in a span](http://evil.example/span)` stays code',
	'```',
	'![in a fence](http://evil.example/fence) <img src=x>',
	'```',
	'[a plain link](https://example.com/docs) stays a link',
].join('\n');

/** Every real tag in rendered HTML that is not plain text markup (or a link): what could load something. */
function loadingTags(html: string): string[] {
	const inert = /^(p|a|code|pre|em|strong|ul|ol|li|h[1-6]|br|hr|blockquote|table|thead|tbody|tr|th|td|s)$/;
	return [...html.matchAll(/<([a-z][\w-]*)\b([^>]*)>/gi)]
		.filter(([, tag, attributes]) => !inert.test(tag.toLowerCase()) || (attributes.trim() !== '' && !/^\s*href="[^"]*"\s*$/.test(attributes)))
		.map(([tag]) => tag);
}

describe('analysis answers are inert in the Markdown preview', () => {
	it('the hostile answer does load remote content when rendered as it is (the test can fail)', () => {
		assert.match(preview.render(HOSTILE), /<img src="http:\/\/evil\.example\/ping/);
		assert.ok(loadingTags(preview.render(HOSTILE)).length >= 8);
	});

	it('renders images as links and raw HTML as text: nothing loads', () => {
		const html = preview.render(inertMarkdown(HOSTILE));
		assert.deepEqual(loadingTags(html), [], html);
		assert.match(html, /!<a href="http:\/\/evil\.example\/ping\?a=1">pixel<\/a>/);
		assert.match(html, /&lt;img src=&quot;<a href="https:\/\/evil\.example\/img\.png">/);
		assert.match(html, /<a href="https:\/\/example\.com\/docs">a plain link<\/a>/);
	});

	it('leaves code spans and fences exactly as written', () => {
		const html = preview.render(inertMarkdown(HOSTILE));
		assert.match(html, /<code>!\[in a span\]\(http:\/\/evil\.example\/span\)<\/code>/);
		assert.match(html, /<pre><code>!\[in a fence\]\(http:\/\/evil\.example\/fence\) &lt;img src=x&gt;\n<\/code><\/pre>/);
	});

	it('changes nothing in an answer without images or HTML', () => {
		const plain = '# Receipt\n\n- **Total**: 42 EUR\n- Date: 2025-03-14\n\n```json\n{"a": 1}\n```\n\n1 < 2 is kept readable';
		assert.equal(inertMarkdown(plain), plain.replace('1 < 2', '1 &lt; 2'));
		assert.match(preview.render(inertMarkdown(plain)), /1 &lt; 2 is kept readable/);
	});
});
