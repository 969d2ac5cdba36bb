import assert from 'node:assert/strict';
import { playerHtml } from '../../../src/media/playerHtml';

describe('media: audio player page', () => {
	const page = {
		cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
		src: 'https://file+.vscode-resource.vscode-cdn.net/w/aipass-media/hello.mp3',
		title: 'hello "<world>".mp3',
		mime: 'audio/mpeg',
		nonce: 'abc123',
		lang: 'de',
	};

	it('allows media only from the webview source, styles only with the nonce, and no script', () => {
		const html = playerHtml(page);
		const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
		assert.equal(csp, "default-src 'none'; style-src 'nonce-abc123'; media-src https://file+.vscode-resource.vscode-cdn.net".replace(/'/g, '&#39;'));
		assert.ok(html.includes('<style nonce="abc123">'));
		assert.ok(!/<script/i.test(html));
		assert.ok(html.includes(`<audio controls`));
		assert.ok(html.includes(`<source src="${page.src}" type="audio/mpeg">`));
	});

	it('escapes the file name', () => {
		const html = playerHtml(page);
		assert.ok(html.includes('hello &quot;&lt;world&gt;&quot;.mp3'));
		assert.ok(!html.includes('<world>'));
	});
});
