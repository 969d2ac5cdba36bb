/**
 * `npm run l10n:export`: writes l10n/bundle.l10n.json, the strings VS Code translates at run time.
 * `@vscode/l10n-dev export` collects every `vscode.l10n.t('…')` in src; the chat webview's strings go
 * through a translator function (src/chat/webviewStrings.ts, free of `vscode` so tests can build the page),
 * so they are added here from the function itself.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chatStrings } from '../src/chat/webviewStrings';

const root = path.resolve(__dirname, '..');
const bundleFile = path.join(root, 'l10n', 'bundle.l10n.json');
execFileSync(process.execPath, [path.join(root, 'node_modules', '@vscode', 'l10n-dev', 'dist', 'cli.js'), 'export', '--outDir', 'l10n', 'src'], { cwd: root, stdio: 'inherit' });
const bundle = JSON.parse(readFileSync(bundleFile, 'utf8')) as Record<string, string>;
for (const message of Object.values(chatStrings(message => message))) {
	bundle[message] = message;
}
const sorted = Object.fromEntries(Object.entries(bundle).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
writeFileSync(bundleFile, `${JSON.stringify(sorted, null, 2)}\n`);
console.log(`l10n/bundle.l10n.json: ${Object.keys(sorted).length} strings`);
