import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const notificationMessage = 'Notification text renders [label](command:…) as a runnable link: pass a plain vscode.l10n.t literal, or wrap the message in notificationText() from src/platform/notificationText.';
const showMessage = 'CallExpression[callee.property.name=/^show(Information|Warning|Error)Message$/]';
const progressText = 'CallExpression[callee.property.name=/^(withProgress|report)$/] > ObjectExpression > Property[key.name=/^(title|message)$/]';
/** Allowed: notificationText(…), or vscode.l10n.t('literal') with no arguments to fill in. */
const notificationRules = [
	{ selector: `${showMessage}:not([arguments.0.type='CallExpression'])`, message: notificationMessage },
	{ selector: `${showMessage}[arguments.0.type='CallExpression']:not([arguments.0.callee.name='notificationText']):not([arguments.0.callee.property.name='t'])`, message: notificationMessage },
	{ selector: `${showMessage}[arguments.0.callee.property.name='t']:matches([arguments.0.arguments.1], [arguments.0.arguments.0.type!='Literal'])`, message: notificationMessage },
	{ selector: `${progressText}:not([value.type='CallExpression'])`, message: notificationMessage },
	{ selector: `${progressText}[value.type='CallExpression']:not([value.callee.name='notificationText']):not([value.callee.property.name='t'])`, message: notificationMessage },
	{ selector: `${progressText}[value.callee.property.name='t']:matches([value.arguments.1], [value.arguments.0.type!='Literal'])`, message: notificationMessage },
];
/** The Node side of each host seam: `x.ts` beside an `x.web.ts` that the browser build picks instead. */
const nodeSeams = readdirSync(`${import.meta.dirname}/src`, { recursive: true, encoding: 'utf8' })
	.filter(file => file.endsWith('.web.ts'))
	.map(file => `src/${file.replace(/\\/g, '/').replace(/\.web\.ts$/, '.ts')}`);
/** The Node worker thread's side of the image codec: only ever loaded by codecLoader.ts (never in the browser build). */
const nodeWorkerFiles = ['src/vision/codec/nodeWorkerMain.ts', 'src/vision/codec/nodeInflate.ts'];

/**
 * Import boundaries between the folders of src/, generated from the tree at load. A folder not named in
 * `layers` is a feature: it imports only from itself, `api`, `platform` and `shared`, never from another
 * feature (a cross-feature need is a port type in src/platform that the composition root fills in).
 * Files directly in src/ (extension.ts, features.ts) and the composition folders (`activation`: the thin
 * registrations that build features on first use; `testing`: the test-only hooks) wire everything and are exempt.
 */
const srcDir = path.join(import.meta.dirname, 'src');
const layers = {
	api: ['api'],
	shared: ['shared'],
	platform: ['platform', 'api', 'shared'],
	webview: ['webview', 'shared'],
};
const composition = new Set(['activation', 'testing']);
const featureImports = folder => [folder, 'api', 'platform', 'shared'];
const noVscode = { name: 'vscode', message: 'src/api and the webview never import vscode: the API client runs anywhere, webview code in the browser sandbox (it talks to the host through the message protocol).' };
/** The Services bag: features still take it as a type until the narrow ports replace it (src/services.ts). */
const servicesBag = existsSync(path.join(srcDir, 'services.ts')) ? 'services' : undefined;
const escapeRegex = text => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function boundaryConfigs() {
	const folders = readdirSync(srcDir, { withFileTypes: true }).filter(entry => entry.isDirectory() && !composition.has(entry.name)).map(entry => entry.name);
	return folders.flatMap(folder => {
		const isFeature = !Object.hasOwn(layers, folder);
		const allowed = layers[folder] ?? featureImports(folder);
		const subfolders = readdirSync(path.join(srcDir, folder), { recursive: true, withFileTypes: true })
			.filter(entry => entry.isDirectory())
			.map(entry => path.relative(path.join(srcDir, folder), path.join(entry.parentPath, entry.name)).replace(/\\/g, '/'));
		return ['', ...subfolders].map(sub => {
			const ups = 1 + (sub === '' ? 0 : sub.split('/').length);
			const open = [...allowed, ...(isFeature && servicesBag ? [servicesBag] : [])].map(escapeRegex).join('|');
			const patterns = [
				{
					// Up to src/ (exactly `ups` levels), then into a folder or file this one may not use; or beyond src/.
					regex: `^(?:\\.\\./){${ups - 1}}\\.\\.(?:$|/(?!(?:${open})(?:/|$)))`,
					message: isFeature
						? `src/${folder} imports only from itself, src/api, src/platform and src/shared: a need of another feature is a port type in src/platform that src/extension.ts fills in.`
						: `src/${folder} imports only from ${allowed.map(name => `src/${name}`).join(', ')}.`,
				},
				{ regex: '^\\./\\.\\.|[^./]/\\.\\.(?:/|$)|/\\./', message: 'Write the relative path without detours (no `x/..` or `./..`), so the import boundaries can read it.' },
				...(isFeature && servicesBag ? [{
					regex: `^(?:\\.\\./){${ups}}${servicesBag}$`, allowTypeImports: true,
					message: 'A feature takes the Services bag as a type only (and declares the narrow deps it needs).',
				}] : []),
			];
			return {
				files: [`src/${folder}/${sub === '' ? '' : `${sub}/`}*.ts`],
				rules: {
					'no-restricted-imports': ['error', {
						paths: folder === 'api' || folder === 'webview' ? [noVscode] : [],
						patterns,
					}],
				},
			};
		});
	});
}

export default tseslint.config(
	{ ignores: ['dist/**', 'out/**', '.vscode-test/**', 'node_modules/**', '.playground/**', '**/*.cjs'] },
	js.configs.recommended,
	...tseslint.configs.recommended,
	{
		files: ['**/*.ts'],
		rules: {
			'@typescript-eslint/no-explicit-any': 'error',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			'@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
			'no-empty': ['error', { allowEmptyCatch: false }],
			'eqeqeq': ['error', 'always'],
			'curly': ['error', 'all'],
			'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
		},
	},
	{
		// Notifications render `[label](command:…)` as a link that runs the command: every message and
		// progress title is a plain l10n literal or goes through notificationText (src/platform).
		files: ['src/**/*.ts'],
		ignores: ['src/webview/**'],
		rules: {
			'no-restricted-syntax': ['error',
				{ selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
				...notificationRules,
			],
		},
	},
	// Import boundaries: features never import each other; api, platform, shared and webview stay below them.
	...boundaryConfigs(),
	{
		// The extension runs in the Node extension host and in the browser's web worker host
		// (package.json#browser): shared code uses web APIs; a Node-only global fails there. Node-only
		// code lives in a seam file whose `.web.ts` sibling replaces it in the browser build.
		files: ['src/**/*.ts'],
		ignores: [...nodeSeams, ...nodeWorkerFiles],
		rules: {
			'no-restricted-globals': ['error', ...['Buffer', 'process', '__dirname', '__filename', 'setImmediate', 'require'].map(name => ({
				name, message: 'Not in the web worker extension host: use a web API, or put Node-only code in a seam (x.ts beside x.web.ts).',
			}))],
		},
	},
	{
		files: ['**/*.mjs'],
		languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
	},
);
