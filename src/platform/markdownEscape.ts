/**
 * Text that did not come from the user's keyboard (account labels, server messages, model ids) put into
 * Markdown as text: never markup, links or theme icons. Backslash-escapes the ASCII punctuation that
 * Markdown or `$(icon)` syntax reads. Pure: no `vscode`.
 */
export function escapeMarkdown(text: string): string {
	return text.replace(/[\\`*_{}[\]()#+\-.!|<>$]/g, '\\$&');
}
