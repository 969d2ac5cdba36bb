import * as vscode from 'vscode';
import type { Logger } from '../platform/log';
import type { LastEditor } from './editorContext';

const linkSchemes = new Set(['http:', 'https:', 'mailto:']);

/** Fence names that are not VS Code language ids. */
const languageAliases: Record<string, string> = {
	js: 'javascript', jsx: 'javascriptreact', ts: 'typescript', tsx: 'typescriptreact', py: 'python', sh: 'shellscript',
	bash: 'shellscript', shell: 'shellscript', zsh: 'shellscript', console: 'shellscript', yml: 'yaml', md: 'markdown',
	cs: 'csharp', 'c#': 'csharp', 'c++': 'cpp', rs: 'rust', golang: 'go', rb: 'ruby', kt: 'kotlin', ps1: 'powershell',
	html: 'html', xml: 'xml', jsonc: 'jsonc', text: 'plaintext', txt: 'plaintext', '': 'plaintext',
};

/** Opens a link from an answer in the browser: only absolute http(s) and mailto URLs, checked again here. */
export async function openLink(href: string, log: Logger): Promise<boolean> {
	let url: URL;
	try {
		url = new URL(href);
	} catch {
		log.warn('refused a link that is not an absolute URL');
		return false;
	}
	if (!linkSchemes.has(url.protocol)) {
		log.warn(`refused a ${url.protocol} link`);
		return false;
	}
	return vscode.env.openExternal(vscode.Uri.parse(url.href, true));
}

export async function copyText(text: string): Promise<void> {
	await vscode.env.clipboard.writeText(text);
}

/** Replaces the selections of the last text editor with the code (inserts at the cursor). */
export async function insertAtCursor(code: string, lastEditor: LastEditor): Promise<boolean> {
	const editor = lastEditor.current;
	if (editor === undefined) {
		void vscode.window.showInformationMessage(vscode.l10n.t('Open a file to insert the code into, then try again.'));
		return false;
	}
	const done = await editor.edit(edit => {
		for (const selection of editor.selections) {
			edit.replace(selection, code);
		}
	});
	if (done) {
		await vscode.window.showTextDocument(editor.document, editor.viewColumn);
	}
	return done;
}

/** The code in a new untitled editor, in its language when VS Code knows it. */
export async function openInNewEditor(code: string, fenceLanguage: string): Promise<vscode.TextEditor> {
	const language = await languageId(fenceLanguage);
	const document = await vscode.workspace.openTextDocument({ content: code, language });
	return vscode.window.showTextDocument(document, { preview: false });
}

async function languageId(fenceLanguage: string): Promise<string> {
	const name = fenceLanguage.trim().toLowerCase();
	const candidate = languageAliases[name] ?? name;
	const known = await vscode.languages.getLanguages();
	return known.includes(candidate) ? candidate : 'plaintext';
}
