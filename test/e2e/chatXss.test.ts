/**
 * The XSS corpus through the REAL chat webview bundle in plain Chromium (chatWebviewPage.ts: the page
 * from src/chat/webviewHtml.ts with its CSP, a stub acquireVsCodeApi that records posts). Each reply is
 * streamed in small chunks into its own answer, as the host would, then finished. A few payloads also
 * go through the real workbench in chat.test.ts.
 */
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../host/browser';
import { type ChatWebviewPage, initMessage, openChatWebviewPage, type PageDom, waitInPage } from './chatWebviewPage';
import { xssCorpus } from './xssCorpus';

interface Findings {
	xss: unknown;
	title: string;
	location: string;
	forbiddenElements: string[];
	eventAttributes: string[];
	styleAttributes: number;
	hrefAttributes: string[];
	dataHrefs: string[];
	violations: string[];
	text: string;
}

const collectFindings = `(() => {
	const transcript = document.querySelector('.transcript');
	const all = Array.from(transcript.querySelectorAll('*'));
	const forbidden = ['script', 'iframe', 'object', 'embed', 'form', 'input', 'style', 'link', 'meta', 'base', 'svg', 'math',
		'template', 'details', 'noscript', 'title', 'img'];
	return {
		xss: window.__xss,
		title: document.title,
		location: location.href,
		forbiddenElements: all.filter(e => forbidden.includes(e.localName) && !e.closest('.message.user')).map(e => e.outerHTML.slice(0, 120)),
		eventAttributes: all.flatMap(e => Array.from(e.attributes).filter(a => a.name.startsWith('on')).map(a => e.localName + '[' + a.name + ']')),
		styleAttributes: all.filter(e => e.hasAttribute('style')).length,
		hrefAttributes: all.filter(e => e.hasAttribute('href') || e.hasAttribute('src') && e.localName !== 'img').map(e => e.outerHTML.slice(0, 120)),
		dataHrefs: all.filter(e => e.hasAttribute('data-href')).map(e => e.getAttribute('data-href')),
		violations: window.__violations,
		text: transcript.textContent,
	};
})()`;

describe('e2e: hostile model output in the real chat webview bundle (plain Chromium, stub acquireVsCodeApi)', function () {
	this.timeout(180_000);
	let browser: Browser;
	let chat: ChatWebviewPage;
	const navigations: string[] = [];
	const pageErrors: string[] = [];

	before(async () => {
		browser = await launchChromium();
		chat = await openChatWebviewPage(browser, {
			beforeLoad: `window.__violations = [];
				document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.effectiveDirective + ' ' + e.blockedURI));`,
		});
		chat.page.on('framenavigated', frame => navigations.push(frame.url()));
		chat.page.on('pageerror', error => pageErrors.push(error.message));
		chat.page.on('dialog', dialog => {
			pageErrors.push(`dialog: ${dialog.message()}`);
			void dialog.dismiss();
		});
		await chat.host(initMessage());
	});

	after(async () => {
		await chat?.close();
		await browser?.close();
	});

	it(`renders ${xssCorpus.length} hostile replies, streamed in chunks, without running or injecting anything`, async () => {
		assert.ok(xssCorpus.length >= 30);
		const startUrl = chat.page.url();
		for (const [index, payload] of xssCorpus.entries()) {
			const id = `x${index}`;
			await chat.host({ type: 'messageAdded', message: { id, role: 'assistant', text: '', model: 'evil-model', status: 'streaming' } });
			let offset = 0;
			for (const piece of payload.markdown.match(/[\s\S]{1,7}/g) ?? []) {
				await chat.host({ type: 'delta', messageId: id, offset, text: piece });
				offset += piece.length;
			}
			// Let at least one animation frame render the streaming tail before the answer finishes.
			await chat.page.evaluate('new Promise(resolve => requestAnimationFrame(() => resolve(undefined)))');
			await chat.host({ type: 'messageFinished', messageId: id, status: 'done', text: payload.markdown });
		}
		await waitInPage(chat.page, (count: string | number) => (globalThis as unknown as PageDom).document.querySelectorAll('.message.assistant').length === count, xssCorpus.length);
		await chat.page.waitForTimeout(300); // room for any deferred handler (onerror, onload, autofocus) to fire

		const findings = await chat.page.evaluate(collectFindings) as Findings;
		assert.equal(findings.xss, undefined, 'no payload ran');
		assert.equal(findings.title, 'AI Pass Chat');
		assert.equal(findings.location, startUrl);
		assert.deepEqual(findings.forbiddenElements, []);
		assert.deepEqual(findings.eventAttributes, []);
		assert.equal(findings.styleAttributes, 0);
		assert.deepEqual(findings.hrefAttributes, [], 'links carry no href the webview could follow');
		assert.deepEqual(findings.violations, [], 'nothing reached the CSP: raw HTML never became markup');
		assert.deepEqual(pageErrors, []);
		for (const href of findings.dataHrefs) {
			assert.match(href, /^(https?:|mailto:)/, href);
		}
		// Legitimate links survive (bare URLs in the escaped text are linkified too: http(s) only).
		for (const href of ['https://aipass.one/docs', 'https://example.com/a?b=1', 'mailto:ada@example.com']) {
			assert.ok(findings.dataHrefs.includes(href), href);
		}
		// The payloads are shown, as text.
		assert.ok(findings.text.includes('<script>window.__xss=1</script>'), 'raw HTML appears as text');
		assert.ok(findings.text.includes('<img src=x onerror="window.__xss=1">'));
		assert.deepEqual(navigations.filter(url => url !== startUrl), []);
	});

	it('opens nothing but http(s) and mailto links through the host, and never navigates, whatever is clicked', async () => {
		const startUrl = chat.page.url();
		const before = (await chat.posted()).length;
		const clickable = chat.page.locator('.transcript a, .transcript [data-href], .transcript [role="link"]');
		const count = await clickable.count();
		assert.ok(count >= 4);
		for (let i = 0; i < count; i++) {
			await clickable.nth(i).click();
		}
		await chat.page.locator('.transcript [data-href]').first().focus();
		await chat.page.keyboard.press('Enter');
		const posted = (await chat.posted()).slice(before).filter(m => m.type !== 'estimateTokens'); // the page asks for the estimate by itself
		assert.ok(posted.length > 0);
		for (const message of posted) {
			assert.equal(message.type, 'openLink');
			assert.match(message.type === 'openLink' ? message.href : '', /^(https?:|mailto:)/);
		}
		assert.equal(chat.page.url(), startUrl);
		assert.equal(await chat.page.evaluate('window.__xss'), undefined);
		assert.deepEqual(navigations.filter(url => url !== startUrl), []);
	});
});
