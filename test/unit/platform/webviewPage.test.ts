import assert from 'node:assert/strict';
import { contentSecurityPolicy, createNonce, escapeHtml, html, webviewPage } from '../../../src/platform/webviewPage';

const cspSource = 'https://file+.vscode-resource.vscode-cdn.net';

function cspOf(page: string): string | undefined {
	return /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(page)?.[1]?.replace(/&#39;/g, '\'');
}

describe('platform: webview page helper', () => {
	it('allows nothing but what the page declares: the nonce script, its styles, images, media, fonts', () => {
		assert.equal(contentSecurityPolicy({ cspSource, nonce: 'n1' }), "default-src 'none'");
		assert.equal(
			contentSecurityPolicy({ cspSource, nonce: 'n1', scriptUri: 'x.js', styleUris: ['a.css'], resources: { images: 'data', fonts: true } }),
			`default-src 'none'; script-src 'nonce-n1'; style-src ${cspSource}; img-src ${cspSource} data:; font-src ${cspSource}`,
		);
		assert.equal(
			contentSecurityPolicy({ cspSource, nonce: 'n2', styleUris: ['a.css'], inlineStyle: 'p {}', resources: { images: true, media: true } }),
			`default-src 'none'; style-src ${cspSource} 'nonce-n2'; img-src ${cspSource}; media-src ${cspSource}`,
		);
	});

	it('puts the policy, the language, the nonce script and the stylesheets into the page', () => {
		const page = webviewPage({
			cspSource, nonce: 'abc', lang: 'pt-br', title: 'T', scriptUri: `${cspSource}/app.js`, styleUris: [`${cspSource}/a.css`],
			bodyClass: 'surface-view', body: html`<main id="app"></main>`,
		});
		assert.equal(cspOf(page), `default-src 'none'; script-src 'nonce-abc'; style-src ${cspSource}`);
		assert.match(page, /^<!DOCTYPE html>\n<html lang="pt-br">/);
		assert.ok(page.includes(`<script nonce="abc" src="${cspSource}/app.js"></script>`));
		assert.ok(page.includes(`<link rel="stylesheet" href="${cspSource}/a.css">`));
		assert.ok(page.includes('<body class="surface-view">'));
		assert.equal(page.match(/<script/g)?.length, 1);
	});

	it('has no script element at all without a script, and an inline style only with the nonce', () => {
		const page = webviewPage({ cspSource, nonce: 'n3', lang: 'en', title: 'T', inlineStyle: 'p { color: red; }', body: html`<p>hi</p>` });
		assert.ok(!/<script/i.test(page));
		assert.ok(page.includes('<style nonce="n3">p { color: red; }</style>'));
		assert.equal(cspOf(page), "default-src 'none'; style-src 'nonce-n3'");
		assert.throws(() => webviewPage({ cspSource, nonce: 'n', lang: 'en', title: 'T', inlineStyle: 'p {}</style><script>', body: html`` }));
	});

	it('escapes every interpolated text: title, language, URIs, nonce, body values', () => {
		const hostile = `"><script>alert('x')</script>&`;
		const page = webviewPage({
			cspSource: hostile, nonce: hostile, lang: hostile, title: hostile, scriptUri: hostile, styleUris: [hostile],
			bodyClass: hostile, resources: { images: true }, body: html`<p title="${hostile}">${hostile}</p>${html`<b>${hostile}</b>`}`,
		});
		assert.equal(page.match(/<script/g)?.length, 1, 'only the page\'s own script element');
		assert.ok(!page.includes(hostile));
		assert.ok(!page.includes(`'x'`));
		assert.ok(page.includes('<b>&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;</b>'), 'nested html stays markup, its values escaped');
		assert.equal(escapeHtml(`<a href="x" title='y'>&amp;</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
		assert.equal(html`${1} < ${'<'}`.markup, '1 < &lt;');
	});

	it('makes a fresh 128-bit nonce each time', () => {
		const nonces = new Set(Array.from({ length: 100 }, createNonce));
		assert.equal(nonces.size, 100);
		for (const nonce of nonces) {
			assert.match(nonce, /^[A-Za-z0-9+/]{22}==$/);
			assert.equal(Buffer.from(nonce, 'base64').length, 16);
		}
	});
});
