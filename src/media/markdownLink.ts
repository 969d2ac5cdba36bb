/** Markdown image links from a document to saved media. Pure (no `vscode`): works on URI paths. */

/** The POSIX path from directory `fromDir` to `to`, e.g. `../aipass-media/cat.png`. */
export function relativePath(fromDir: string, to: string): string {
	const from = fromDir.split('/').filter((part) => part !== '');
	const target = to.split('/').filter((part) => part !== '');
	let common = 0;
	while (common < from.length && common < target.length - 1 && from[common] === target[common]) {
		common++;
	}
	const up = from.slice(common).map(() => '..');
	return [...up, ...target.slice(common)].join('/');
}

/** `![alt](path)` with the alt text on one line, brackets escaped, and the path URL-encoded per segment. */
export function markdownImage(alt: string, path: string): string {
	const text = alt.replace(/\s+/g, ' ').trim().slice(0, 100).replace(/([[\]\\])/g, '\\$1');
	const target = path.split('/').map((segment) => (segment === '..' ? segment : encodeURIComponent(segment))).join('/');
	return `![${text}](${target})`;
}
