// Runs inside the chat webview (DOM only; never imports 'vscode'). The host sends everything on `ready`.
import type { HostMessage } from '../../shared/chatProtocol';
import type { ChatApp } from './app';
import { vscodeApi } from './vscodeApi';

performance.mark('aipass-chat-script'); // npm run bench reads these marks
const api = vscodeApi();
const root = document.getElementById('app') ?? document.body;
let createApp: ((init: Extract<HostMessage, { type: 'init' }>) => ChatApp) | undefined;
let app: ChatApp | undefined;
/** Host messages that arrive before the chat's code has finished loading. */
const early: HostMessage[] = [];

function receive(message: HostMessage): void {
	if (message.type === 'init' && app === undefined && createApp !== undefined) {
		app = createApp(message);
		performance.mark('aipass-chat-interactive'); // the composer takes input from here on
	} else {
		app?.apply(message); // a later `init` (after a resync) redraws the state in place
	}
}

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
	const message = event.data;
	if (typeof message !== 'object' || message === null || typeof message.type !== 'string') {
		return;
	}
	if (createApp === undefined) {
		early.push(message);
	} else {
		receive(message);
	}
});
window.addEventListener('keydown', event => app?.onKeyDown(event));
// Nothing in the chat navigates: links are opened by the host (see markdown/sanitize.ts).
document.addEventListener('click', event => {
	if (event.target instanceof Element && event.target.closest('a[href]')) {
		event.preventDefault();
	}
}, true);

// Ask for the state first, then evaluate the chat's code (markdown-it, highlight.js, DOMPurify: the bulk
// of the bundle) while the host's answer is on its way. esbuild keeps it in this one file; `import()`
// only defers running it.
api.postMessage({ type: 'ready' });
void import('./app').then(({ ChatApp: App }) => {
	createApp = init => new App(root, init, api);
	early.splice(0).forEach(receive);
});
