import type * as vscode from 'vscode';

/** Where a feature puts what it must dispose (the extension's `context.subscriptions`). */
export interface Subscriptions {
	push(...items: vscode.Disposable[]): unknown;
}
