// Runs inside the chat webview (DOM only; never imports 'vscode').
declare function acquireVsCodeApi(): { postMessage(message: unknown): void };

const vscodeApi = acquireVsCodeApi();
vscodeApi.postMessage({ type: 'ready' });
