// Runs inside the chat webview (DOM only; never imports 'vscode'). The host sends everything on `ready`.
import type { HostMessage } from '../../shared/chatProtocol';
import { ChatApp } from './app';
import { vscodeApi } from './vscodeApi';

const api = vscodeApi();
const root = document.getElementById('app') ?? document.body;
let app: ChatApp | undefined;

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
	const message = event.data;
	if (typeof message !== 'object' || message === null || typeof message.type !== 'string') {
		return;
	}
	if (message.type === 'init' && app === undefined) {
		app = new ChatApp(root, message, api);
	} else {
		app?.apply(message); // a later `init` (after a resync) redraws the state in place
	}
});
window.addEventListener('keydown', event => app?.onKeyDown(event));
// Nothing in the chat navigates: links are opened by the host (see markdown/sanitize.ts).
document.addEventListener('click', event => {
	if (event.target instanceof Element && event.target.closest('a[href]')) {
		event.preventDefault();
	}
}, true);
api.postMessage({ type: 'ready' });
