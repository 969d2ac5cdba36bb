import type { WebviewMessage } from '../../shared/chatProtocol';

/** What the webview keeps across hide/show on its own (everything else comes from the host on `ready`). */
export interface WebviewState {
	draft: string;
	/** Long code lines wrap (see codeWrap.ts). */
	wrapCode?: boolean;
}

export interface VsCodeApi {
	postMessage(message: WebviewMessage): void;
	getState(): WebviewState | undefined;
	setState(state: WebviewState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

let api: VsCodeApi | undefined;

/** `acquireVsCodeApi` may be called only once per webview. */
export function vscodeApi(): VsCodeApi {
	api ??= acquireVsCodeApi();
	return api;
}
