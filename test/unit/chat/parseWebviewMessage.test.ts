import assert from 'node:assert/strict';
import { chatLimits } from '../../../src/chat/limits';
import { parseWebviewMessage } from '../../../src/chat/parseWebviewMessage';

const png = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==';

describe('chat protocol: parseWebviewMessage', () => {
	it('accepts every message the webview sends, unchanged', () => {
		const valid = [
			{ type: 'ready' },
			{ type: 'send', text: 'hello', images: [] },
			{ type: 'send', text: '', images: [{ name: 'shot.png', dataUrl: png }] },
			{ type: 'stop' },
			{ type: 'regenerate' },
			{ type: 'selectModel', model: 'gpt-5-mini' },
			{ type: 'openLink', href: 'https://example.com/a?b=c' },
			{ type: 'copy', text: 'const a = 1;' },
			{ type: 'insertCode', code: 'x' },
			{ type: 'openCode', code: 'print(1)', language: 'python' },
			{ type: 'openCode', code: 'plain', language: '' },
			{ type: 'applyCode', messageId: 'm1', code: 'const a = 1;' },
			{ type: 'attachContext' },
			{ type: 'removeAttachment', id: 'a1' },
			{ type: 'contextQuery', requestId: 3, query: 'chatS' },
			{ type: 'contextQuery', requestId: 0, query: '' },
			{ type: 'pickContext', id: 'c1' },
			{ type: 'estimateTokens', text: 'draft', images: 2 },
			{ type: 'pinImages', messageId: 'm1', pinned: true },
			{ type: 'pinImages', messageId: 'm1', pinned: false },
			{ type: 'errorAction', action: 'signIn' },
			{ type: 'errorAction', action: 'topUp' },
			{ type: 'command', command: 'export' },
		];
		for (const message of valid) {
			assert.deepEqual(parseWebviewMessage(message), message, JSON.stringify(message));
		}
	});

	it('rejects what is not a message object', () => {
		for (const value of [undefined, null, 42, 'ready', [], [{ type: 'ready' }], { kind: 'ready' }, { type: 7 }, new Date()]) {
			assert.equal(parseWebviewMessage(value), undefined, String(value));
		}
	});

	it('rejects unknown types, including names close to real ones', () => {
		for (const type of ['init', 'Ready', 'send ', 'eval', '__proto__', 'constructor', 'toString', '']) {
			assert.equal(parseWebviewMessage({ type }), undefined, type);
		}
	});

	it('rejects wrong field types', () => {
		const invalid = [
			{ type: 'send', text: 42, images: [] },
			{ type: 'send', text: 'hi', images: 'none' },
			{ type: 'send', text: 'hi', images: [png] },
			{ type: 'send', text: 'hi', images: [{ name: 3, dataUrl: png }] },
			{ type: 'selectModel', model: ['gpt-5-mini'] },
			{ type: 'openLink', href: { toString: () => 'https://x' } },
			{ type: 'copy', text: null },
			{ type: 'openCode', code: 'x', language: 5 },
			{ type: 'applyCode', messageId: '', code: 'x' },
			{ type: 'applyCode', messageId: 'm1', code: 'x', path: '/etc/passwd' },
			{ type: 'contextQuery', requestId: -1, query: 'a' },
			{ type: 'contextQuery', requestId: 1.5, query: 'a' },
			{ type: 'contextQuery', requestId: 1, query: 'x'.repeat(101) },
			{ type: 'pickContext', id: '' },
			{ type: 'pickContext', id: 'c1', path: '/etc/passwd' },
			{ type: 'estimateTokens', text: 'x', images: chatLimits.maxImages + 1 },
			{ type: 'estimateTokens', text: 'x'.repeat(chatLimits.maxTextChars + 1), images: 0 },
			{ type: 'errorAction', action: 'deleteEverything' },
			{ type: 'command', command: 'aipass.signOut' },
		];
		for (const message of invalid) {
			assert.equal(parseWebviewMessage(message), undefined, JSON.stringify(message));
		}
	});

	it('rejects extra and missing fields', () => {
		const invalid = [
			{ type: 'ready', extra: true },
			{ type: 'stop', messageId: 'x' },
			{ type: 'send', text: 'hi' },
			{ type: 'send', images: [] },
			{ type: 'send', text: 'hi', images: [], model: 'gpt-5' },
			{ type: 'selectModel' },
			{ type: 'openCode', code: 'x' },
			{ type: 'send', text: 'hi', images: [{ name: 'a.png', dataUrl: png, width: 1 }] },
			{ type: 'send', text: 'hi', images: [{ dataUrl: png }] },
		];
		for (const message of invalid) {
			assert.equal(parseWebviewMessage(message), undefined, JSON.stringify(message));
		}
	});

	it('rejects oversized and empty strings', () => {
		const invalid = [
			{ type: 'send', text: 'x'.repeat(chatLimits.maxTextChars + 1), images: [] },
			{ type: 'send', text: '   ', images: [] },
			{ type: 'selectModel', model: '' },
			{ type: 'selectModel', model: 'm'.repeat(5000) },
			{ type: 'openLink', href: 'https://example.com/' + 'a'.repeat(5000) },
			{ type: 'copy', text: 'x'.repeat(chatLimits.maxCodeChars + 1) },
			{ type: 'removeAttachment', id: '' },
			{ type: 'pinImages', messageId: '', pinned: true },
			{ type: 'pinImages', messageId: 'm1', pinned: 'true' },
			{ type: 'pinImages', messageId: 'm1' },
			{ type: 'pinImages', messageId: 'm'.repeat(101), pinned: true },
			{ type: 'send', text: 'hi', images: [{ name: 'big.png', dataUrl: `data:image/png;base64,${'A'.repeat(chatLimits.maxImageDataUrlChars)}` }] },
		];
		for (const message of invalid) {
			assert.equal(parseWebviewMessage(message), undefined, JSON.stringify(message).slice(0, 80));
		}
		assert.ok(parseWebviewMessage({ type: 'send', text: 'x'.repeat(chatLimits.maxTextChars), images: [] }), 'the limit itself is allowed');
	});

	it('accepts only base64 PNG, JPEG, GIF or WebP data URLs, and at most the image limit', () => {
		const urls = [
			'https://example.com/a.png', 'data:image/svg+xml;base64,PHN2Zz4=', 'data:text/html;base64,PHNjcmlwdD4=',
			'data:image/png,rawbytes', 'data:image/png;base64,<script>', 'javascript:alert(1)',
		];
		for (const dataUrl of urls) {
			assert.equal(parseWebviewMessage({ type: 'send', text: 'hi', images: [{ name: 'x', dataUrl }] }), undefined, dataUrl);
		}
		const jpeg = { name: 'a.jpg', dataUrl: 'data:image/jpeg;base64,/9j/4AAQ' };
		assert.ok(parseWebviewMessage({ type: 'send', text: '', images: Array(chatLimits.maxImages).fill(jpeg) }));
		assert.equal(parseWebviewMessage({ type: 'send', text: '', images: Array(chatLimits.maxImages + 1).fill(jpeg) }), undefined);
	});

	it('ignores objects with a non-plain prototype (no class instances or prototype tricks)', () => {
		const tricky = Object.create({ type: 'ready' }) as object;
		assert.equal(parseWebviewMessage(tricky), undefined);
		assert.equal(parseWebviewMessage(JSON.parse('{"type":"ready","__proto__":{"x":1}}')), undefined);
	});
});
