import * as vscode from 'vscode';
import { createNonce } from './webviewPage';

/** What every page starts from: the webview's `cspSource`, a fresh nonce, and VS Code's display language for `<html lang>`. */
export function pageBasics(webview: vscode.Webview): { cspSource: string; nonce: string; lang: string } {
	return { cspSource: webview.cspSource, nonce: createNonce(), lang: vscode.env.language };
}
