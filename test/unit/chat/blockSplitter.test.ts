import assert from 'node:assert/strict';
import { BlockSplitter } from '../../../src/webview/chat/markdown/blockSplitter';
import { createMarkdownRenderer, type Highlighter } from '../../../src/webview/chat/markdown/markdownRenderer';

// The webview highlights with highlight.js; here a stand-in that marks what it was given is enough to
// see that finished code blocks are highlighted exactly as in a one-shot render.
const markHighlight: Highlighter = (code, language) => `<mark data-lang="${language}">${code.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</mark>`;
const renderer = createMarkdownRenderer(markHighlight);

/** Deterministic chunk sizes (xorshift), 1..maxChunk characters. */
function chunked(text: string, seed: number, maxChunk: number): string[] {
	let x = seed || 1;
	const chunks: string[] = [];
	for (let i = 0; i < text.length;) {
		x ^= x << 13;
		x ^= x >>> 17;
		x ^= x << 5;
		const size = 1 + (Math.abs(x) % maxChunk);
		chunks.push(text.slice(i, i + size));
		i += size;
	}
	return chunks;
}

function split(chunks: string[]): { blocks: string[]; tails: string[] } {
	const splitter = new BlockSplitter();
	const blocks: string[] = [];
	const tails: string[] = [];
	for (const chunk of chunks) {
		blocks.push(...splitter.push(chunk).completed);
		tails.push(splitter.tail);
	}
	blocks.push(...splitter.finish().completed);
	return { blocks, tails };
}

function incrementalHtml(blocks: string[]): string {
	return blocks.map(block => renderer.render(block, { highlight: true })).join('');
}

const documents: Record<string, string> = {
	'paragraphs and headings': '# Title\n\nFirst *paragraph*\nwith a soft break.\n\nSecond paragraph.\n\n## Sub\nText right under.\n\nSetext\n===\n\n---\n\nEnd.',
	'fences with blank lines, tildes, longer closers and unclosed tails': [
		'Intro:', '', '```ts', 'const a = 1;', '', '', 'const b = 2;', '```', 'Right after the fence.', '',
		'~~~~python', 'print("```")', '', '~~~', 'still code', '~~~~~', '', '````md', '```js', 'nested', '```', '', '````', '',
		'```', 'unclosed at the end', '', 'more',
	].join('\n'),
	'nested and loose lists': [
		'- one', '- two', '', '- three (loose now)', '  - nested a', '', '  - nested b', '', '    deep paragraph', '',
		'  back in three', '', 'Paragraph after the list.', '', '1. first', '', '2. second', '   ```js', '   code in item', '', '   more code', '   ```', '',
		'3) other delimiter', '', '* star', '+ plus', '', '10. ten', '11. eleven',
	].join('\n'),
	'quotes, tables, indented code and html': [
		'> quote one', '> continues', '', '> quote two', '', '    indented code', '', '    still indented', '', 'text', '',
		'| a | b | c |', '|:--|:-:|--:|', '| 1 | 2 | 3 |', '', '<div onclick="x()">raw html is escaped</div>', '', '<script>alert(1)</script>', '',
		'Tab\tinside', '', '\tindented with a tab', '', 'end',
	].join('\n'),
	'links, images, emphasis across the stream': [
		'Visit [AI Pass](https://aipass.one "title") or https://example.com/path?x=1.', '', '![alt text](https://example.com/i.png)',
		'', '**bold _nested_ text** and `inline ``code``` spans', '', '[bad](javascript:alert(1)) [data](data:text/html,x)', '',
		'Line with trailing spaces  ', 'hard break above', '', '* * *', '', '- [ ] task?',
	].join('\n'),
	'leading and trailing blank lines': '\n\n\nHello\n\n\n\n```\ncode\n```\n\n\n',
	'CRLF-free but windows-ish spacing': 'a  \n   \nb\n \t \nc',
};

describe('chat markdown: incremental block splitter', () => {
	for (const [name, document] of Object.entries(documents)) {
		it(`renders the same HTML as a one-shot render: ${name}`, () => {
			const oneShot = renderer.render(document, { highlight: true });
			for (const [seed, maxChunk] of [[1, 1], [7, 3], [42, 20], [99, 50], [5, 400]]) {
				const { blocks } = split(chunked(document, seed, maxChunk));
				assert.equal(incrementalHtml(blocks), oneShot, `chunking seed ${seed}, up to ${maxChunk} characters`);
			}
			const { blocks } = split([document]);
			assert.equal(incrementalHtml(blocks), oneShot, 'one chunk');
		});
	}

	it('produces the same blocks whatever the chunking', () => {
		for (const document of Object.values(documents)) {
			const reference = split([document]).blocks;
			assert.deepEqual(split(chunked(document, 3, 1)).blocks, reference);
			assert.deepEqual(split(chunked(document, 11, 17)).blocks, reference);
		}
	});

	it('finishes a block at a blank line followed by a new top-level block, not before', () => {
		const splitter = new BlockSplitter();
		assert.deepEqual(splitter.push('Para one.\n\n').completed, [], 'a blank line alone does not decide');
		assert.deepEqual(splitter.push('Para').completed, [], 'the next line is not complete yet');
		assert.deepEqual(splitter.push(' two.\n').completed, ['Para one.\n']);
		assert.equal(splitter.tail, 'Para two.\n');
	});

	it('keeps blank lines inside a fence in the same block, and ends the block at the closing fence', () => {
		const splitter = new BlockSplitter();
		assert.deepEqual(splitter.push('```js\nlet a;\n\n\nlet b;\n').completed, []);
		assert.equal(splitter.tailIsOpenFence, true);
		assert.deepEqual(splitter.push('```\n').completed, ['```js\nlet a;\n\n\nlet b;\n```\n']);
		assert.equal(splitter.tailIsOpenFence, false);
		assert.equal(splitter.tail, '');
	});

	it('keeps a list in one block while its items are separated by blank lines', () => {
		const splitter = new BlockSplitter();
		assert.deepEqual(splitter.push('- a\n\n- b\n\n  continued\n\n- c\n').completed, []);
		assert.deepEqual(splitter.push('\nAfter.\n').completed, ['- a\n\n- b\n\n  continued\n\n- c\n']);
	});

	it('does not treat a fence inside a list item as the start of a fence block', () => {
		const splitter = new BlockSplitter();
		splitter.push('- item\n  ```\n  code\n');
		assert.equal(splitter.tailIsOpenFence, false, 'the block is a list; renderers re-render it as markdown');
	});

	it('finished blocks and the tail cover the received text exactly (only blank lines between blocks)', () => {
		const document = Object.values(documents).join('\n\n');
		const splitter = new BlockSplitter();
		let received = '';
		let position = 0;
		for (const chunk of chunked(document, 13, 9)) {
			received += chunk;
			for (const block of splitter.push(chunk).completed) {
				const at = received.indexOf(block, position);
				assert.ok(at >= position, 'blocks come in order');
				assert.equal(received.slice(position, at).trim(), '', 'nothing but blank lines between blocks');
				position = at + block.length;
			}
			assert.equal(received.slice(position).trimStart(), splitter.tail.trimStart(), 'the tail is the rest');
		}
		assert.equal(splitter.fullText, document);
	});

	it('an empty or blank stream has no blocks', () => {
		assert.deepEqual(split([]).blocks, []);
		assert.deepEqual(split(['\n', '  \n', '\t']).blocks, []);
	});
});

describe('chat markdown: renderer', () => {
	it('escapes raw HTML instead of passing it through', () => {
		const html = renderer.render('<img src=x onerror=alert(1)> <script>alert(1)</script>', { highlight: false });
		assert.doesNotMatch(html, /<img|<script/);
		assert.match(html, /&lt;script&gt;/);
	});

	it('never links javascript:, vbscript: or file: URLs', () => {
		const html = renderer.render('[a](javascript:alert(1)) [b](vbscript:x) [c](file:///etc/passwd) <javascript:alert(1)>', { highlight: false });
		assert.doesNotMatch(html, /href="(?:javascript|vbscript|file):/i);
	});

	it('shows images as links (http) or alt text, never as <img>', () => {
		const html = renderer.render('![remote](https://x.test/a.png) ![inline](data:image/png;base64,AAAA)', { highlight: false });
		assert.doesNotMatch(html, /<img/);
		assert.match(html, /<a class="image-link" href="https:\/\/x.test\/a.png">remote<\/a>/);
		assert.match(html, /<span class="image-alt">inline<\/span>/);
	});

	it('puts table alignment in classes, not style attributes (the CSP forbids inline styles)', () => {
		const html = renderer.render('| a | b |\n|:-:|--:|\n| 1 | 2 |', { highlight: false });
		assert.doesNotMatch(html, /style=/);
		assert.match(html, /<th class="align-center">a<\/th>/);
	});

	it('highlights only when asked (finished blocks), and only fences with a language', () => {
		const markdown = '```ts\nlet a = 1;\n```\n\n```\nplain\n```';
		assert.match(renderer.render(markdown, { highlight: true }), /<mark data-lang="ts">let a = 1;/);
		assert.doesNotMatch(renderer.render(markdown, { highlight: false }), /<mark/);
		assert.doesNotMatch(renderer.render('```\nplain\n```', { highlight: true }), /<mark/);
	});
});
