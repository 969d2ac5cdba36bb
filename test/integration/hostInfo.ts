import * as vscode from 'vscode';

/** Which extension host runs the suites: recorded in each pass's summary and asserted by host.test.ts. */
export interface HostInfo {
	readonly kind: 'node' | 'webWorker';
	readonly uiKind: 'Web' | 'Desktop';
	/** `typeof process`: "undefined" only in the browser's web worker host. */
	readonly process: string;
}

export function hostInfo(): HostInfo {
	return {
		kind: typeof process === 'undefined' ? 'webWorker' : 'node',
		uiKind: vscode.env.uiKind === vscode.UIKind.Web ? 'Web' : 'Desktop',
		process: typeof process,
	};
}
