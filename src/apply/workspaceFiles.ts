import * as vscode from 'vscode';

/** Quick pick labels render `$(name)` as an icon: a file name must not. */
export function plainLabel(text: string): string {
	return text.replace(/\$\(/g, '$\u200b(');
}

/** Asks which workspace file to use (a quick pick of up to 5,000 files). */
export async function pickWorkspaceFile(title: string): Promise<vscode.Uri | undefined> {
	const files = await vscode.workspace.findFiles('**/*', '{**/node_modules/**,**/.git/**}', 5000);
	const items = files
		.map(uri => ({ label: plainLabel(vscode.workspace.asRelativePath(uri, true)), uri }))
		.sort((a, b) => a.label.localeCompare(b.label));
	if (items.length === 0) {
		void vscode.window.showInformationMessage(vscode.l10n.t('Open a folder or a file to apply code to.'));
		return undefined;
	}
	const picked = await vscode.window.showQuickPick(items, { title, placeHolder: title, matchOnDescription: true });
	return picked?.uri;
}
