/**
 * The REAL chat webview (dist/webview/chat.js, media/chat.css, the codicons and the page from
 * src/chat/webviewHtml.ts with its CSP) in a plain Chromium page, served from loopback, with a stub
 * `acquireVsCodeApi` that records what the webview posts. Host messages are delivered as VS Code
 * delivers them: `message` events on the window. Used by the XSS corpus test and the render benchmark.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { chatLimits } from '../../src/chat/limits';
import { chatHtml } from '../../src/chat/webviewHtml';
import { chatStrings } from '../../src/chat/webviewStrings';
import type { ChatState, HostMessage, WebviewMessage } from '../../src/shared/chatProtocol';
import { projectRoot } from '../host/hostPaths';

const files: Record<string, { file: string; type: string }> = {
	'/chat.js': { file: 'dist/webview/chat.js', type: 'text/javascript' },
	'/chat.css': { file: 'media/chat.css', type: 'text/css' },
	'/codicon.css': { file: 'dist/media/codicon.css', type: 'text/css' },
	'/codicon.ttf': { file: 'dist/media/codicon.ttf', type: 'font/ttf' },
};

export interface ChatWebviewPage {
	readonly page: Page;
	readonly origin: string;
	/** Delivers host messages to the webview, in order. */
	host(...messages: HostMessage[]): Promise<void>;
	/** Everything the webview posted so far. */
	posted(): Promise<WebviewMessage[]>;
	close(): Promise<void>;
}

/** The page's globals these helpers touch (the test tsconfig has no DOM types). */
export interface PageGlobals {
	__posted: WebviewMessage[];
	dispatchEvent(event: unknown): boolean;
	MessageEvent: new (type: string, init: { data: unknown }) => unknown;
}

export const englishStrings = chatStrings(message => message);

/** Initial state: an empty conversation, two models (one with vision), idle. */
export function initMessage(state: Partial<ChatState> = {}): HostMessage {
	return {
		type: 'init', surface: 'view', strings: englishStrings, limits: chatLimits,
		conversation: { id: 'c1', title: '', messages: [] },
		models: [{ id: 'gpt-5-mini', label: 'gpt-5-mini', vision: true }, { id: 'gpt-5-nano', label: 'gpt-5-nano', vision: false }],
		model: 'gpt-5-mini', attachments: [], busy: false,
		...state,
	};
}

/**
 * Opens the page. `beforeLoad` (script text) runs in the page before the bundle, e.g. to replace
 * requestAnimationFrame; the stub API is installed the same way.
 */
export async function openChatWebviewPage(browser: Browser, options: { beforeLoad?: string } = {}): Promise<ChatWebviewPage> {
	const server = await serve();
	const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	const page = await browser.newPage({ viewport: { width: 420, height: 800 } });
	// A string, not a function: the test's transpiler may wrap functions in helpers the page lacks.
	await page.addInitScript(`(() => {
		const posted = [];
		let state;
		window.__posted = posted;
		window.acquireVsCodeApi = () => ({
			postMessage: message => posted.push(JSON.parse(JSON.stringify(message))),
			getState: () => state,
			setState: next => { state = next; },
		});
	})();`);
	if (options.beforeLoad) {
		await page.addInitScript(options.beforeLoad);
	}
	await page.goto(`${origin}/`);
	await waitInPage(page, () => (globalThis as unknown as PageGlobals).__posted.some(m => m.type === 'ready'), 0);
	return {
		page, origin,
		async host(...messages) {
			await page.evaluate(list => {
				const page = globalThis as unknown as PageGlobals;
				for (const message of list) {
					page.dispatchEvent(new page.MessageEvent('message', { data: message }));
				}
			}, messages);
		},
		posted: () => page.evaluate(() => (globalThis as unknown as PageGlobals).__posted),
		async close() {
			await page.close();
			await new Promise(resolve => server.close(resolve));
		},
	};
}

function serve(): Promise<Server> {
	const server = createServer((request, response) => {
		const url = new URL(request.url ?? '/', 'http://localhost');
		if (url.pathname === '/') {
			const origin = `http://${request.headers.host ?? ''}`;
			response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
			response.end(chatHtml({
				cspSource: origin, nonce: 'dGVzdC1ub25jZS0xMjM0NQ==', scriptUri: `${origin}/chat.js`,
				styleUris: [`${origin}/codicon.css`, `${origin}/chat.css`], surface: 'view', lang: 'en',
			}));
			return;
		}
		const entry = files[url.pathname];
		if (entry === undefined) {
			response.writeHead(404).end();
			return;
		}
		response.writeHead(200, { 'Content-Type': entry.type });
		response.end(readFileSync(path.join(projectRoot, entry.file)));
	});
	return new Promise(resolve => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/**
 * Polls `predicate` in the page from Node. `page.waitForFunction` re-evaluates its predicate inside the
 * page with eval, which the webview's CSP (no 'unsafe-eval') blocks whenever it has to poll.
 */
export async function waitInPage(page: Page, predicate: (arg: string | number) => boolean, arg: string | number, timeoutMs = 30_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await page.evaluate(predicate, arg))) {
		if (Date.now() > deadline) {
			throw new Error('timed out waiting for a condition in the page');
		}
		await new Promise(resolve => setTimeout(resolve, 50));
	}
}

/** The bit of the page's DOM the predicates read (the test tsconfig has no DOM lib). */
export interface PageDom {
	document: { querySelector(selector: string): { textContent: string | null } | null; querySelectorAll(selector: string): { length: number } };
}
