import * as vscode from 'vscode';
import type { Logger } from '../platform/log';
import { pageBasics } from '../platform/webviewBasics';
import { html, webviewPage } from '../platform/webviewPage';
import type { UsageHostMessage, UsageReportView, UsageWebviewMessage } from '../shared/usageProtocol';

export const usagePanelViewType = 'aipass.usagePanel';

/** What the panel needs: the current report, a refresh of the figures, and when they change. */
export interface UsageSource {
	report(): UsageReportView;
	refresh(): Promise<void>;
	readonly onDidChange: vscode.Event<void>;
}

/**
 * `aipass.budget.showUsage`: one editor panel with the spending charts (plain SVG in the theme's
 * colours, a table under each for screen readers). Strict CSP: the nonce script and our stylesheet only.
 */
export class UsagePanel implements vscode.Disposable {
	private panel: vscode.WebviewPanel | undefined;
	private readonly shown = new vscode.EventEmitter<UsageReportView>();
	/** Fires each time a report is posted to the webview (tests wait for it). */
	readonly onDidPost = this.shown.event;

	constructor(private readonly extensionUri: vscode.Uri, private readonly source: UsageSource, private readonly log: Logger) {}

	get isOpen(): boolean {
		return this.panel !== undefined;
	}

	show(): void {
		if (this.panel) {
			this.panel.reveal();
			this.post();
			return;
		}
		const roots = [vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(this.extensionUri, 'media')];
		const panel = vscode.window.createWebviewPanel(usagePanelViewType, vscode.l10n.t('AI Pass Usage'), vscode.ViewColumn.Active, {
			enableScripts: true, localResourceRoots: roots, retainContextWhenHidden: false,
		});
		panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'aipass.svg');
		const webview = panel.webview;
		webview.html = usageHtml({
			...pageBasics(webview),
			scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview', 'usage.js')).toString(),
			styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'usage.css')).toString(),
		});
		const subscriptions = [
			webview.onDidReceiveMessage((message: unknown) => this.receive(message)),
			this.source.onDidChange(() => this.post()),
		];
		panel.onDidDispose(() => {
			subscriptions.forEach(d => d.dispose());
			this.panel = undefined;
		});
		this.panel = panel;
	}

	dispose(): void {
		this.panel?.dispose();
		this.shown.dispose();
	}

	private receive(message: unknown): void {
		const type = typeof message === 'object' && message !== null && Object.keys(message).length === 1 ? (message as { type?: unknown }).type : undefined;
		const parsed: UsageWebviewMessage | undefined = type === 'ready' ? { type: 'ready' } : type === 'refresh' ? { type: 'refresh' } : undefined;
		if (parsed === undefined) {
			this.log.warn('usage panel: ignored an unexpected message');
			return;
		}
		if (parsed.type === 'ready') {
			this.post();
		} else {
			void this.source.refresh().then(() => this.post());
		}
	}

	private post(): void {
		if (!this.panel) {
			return;
		}
		const report = this.source.report();
		const message: UsageHostMessage = { type: 'report', report };
		void this.panel.webview.postMessage(message).then(delivered => delivered && this.shown.fire(report));
	}
}

export function usageHtml(options: { cspSource: string; nonce: string; scriptUri: string; styleUri: string; lang: string }): string {
	return webviewPage({
		...options,
		title: 'AI Pass Usage',
		styleUris: [options.styleUri],
		resources: { fonts: true },
		body: html`<main id="app" class="usage"></main>`,
	});
}
