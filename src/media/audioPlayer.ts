import * as vscode from 'vscode';
import { baseName } from './fileNames';
import { pageBasics } from '../platform/webviewBasics';
import { playerHtml } from './playerHtml';

/**
 * A small webview panel with an `<audio controls>` element, reused for each file. It may load
 * resources only from the media output folder, and runs no script.
 */
export class AudioPlayer implements vscode.Disposable {
	private panel: vscode.WebviewPanel | undefined;
	private root: vscode.Uri | undefined;
	private playing: vscode.Uri | undefined;

	/** The open panel, if any (tests read its HTML and options). */
	get currentPanel(): vscode.WebviewPanel | undefined {
		return this.panel;
	}

	/** The file the panel shows. */
	get currentFile(): vscode.Uri | undefined {
		return this.playing;
	}

	play(file: vscode.Uri, mime: string, root: vscode.Uri): void {
		if (this.panel !== undefined && this.root?.toString() !== root.toString()) {
			// localResourceRoots are fixed at creation: a new output folder needs a new panel.
			this.panel.dispose();
		}
		const panel = this.panel ?? this.create(root);
		const title = baseName(file.path);
		panel.title = vscode.l10n.t('Read Aloud: {0}', title);
		panel.webview.html = playerHtml({
			...pageBasics(panel.webview),
			src: panel.webview.asWebviewUri(file).toString(),
			title, mime,
		});
		this.playing = file;
		panel.reveal(undefined, true);
	}

	dispose(): void {
		this.panel?.dispose();
	}

	private create(root: vscode.Uri): vscode.WebviewPanel {
		const panel = vscode.window.createWebviewPanel('aipass.audioPlayer', vscode.l10n.t('Read Aloud'),
			{ viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
			{ enableScripts: false, localResourceRoots: [root] });
		panel.onDidDispose(() => {
			if (this.panel === panel) {
				this.panel = undefined;
				this.root = undefined;
				this.playing = undefined;
			}
		});
		this.panel = panel;
		this.root = root;
		return panel;
	}
}
