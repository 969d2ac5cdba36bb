import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from './hostPaths';

/** What the extension needs at run time (the same as the .vsix holds, see .vscodeignore). */
const SHIPPED = ['package.json', 'dist', 'media', 'l10n', 'README.md', 'CHANGELOG.md', 'LICENSE'];

/**
 * Installs the built extension folder into a VS Code extensions directory as `publisher.name-version`,
 * as the Marketplace would, so VS Code loads it as an ordinary extension: no development payload, no
 * smoke-test driver, notifications shown. Earlier copies are replaced. Returns the installed folder.
 */
export function installBuiltExtension(extensionsDir: string): string {
	const manifest = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
	const id = `${manifest.publisher}.${manifest.name}`;
	mkdirSync(extensionsDir, { recursive: true });
	for (const entry of readdirSync(extensionsDir)) {
		if (entry.startsWith(`${id}-`) || entry === 'extensions.json' || entry === '.obsolete') {
			rmSync(path.join(extensionsDir, entry), { recursive: true, force: true });
		}
	}
	const target = path.join(extensionsDir, `${id}-${manifest.version}`);
	const nls = readdirSync(projectRoot).filter(name => /^package\.nls(\.[\w-]+)?\.json$/.test(name));
	for (const name of [...SHIPPED, ...nls]) {
		const source = path.join(projectRoot, name);
		if (existsSync(source)) {
			cpSync(source, path.join(target, name), { recursive: true });
		}
	}
	return target;
}
