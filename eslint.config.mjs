import { readdirSync } from 'node:fs';
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
	{
		// Code that runs inside the webview must never reach for the extension API.
		files: ['src/webview/**/*.ts'],
		rules: {
			'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'Webview code runs in the browser sandbox; talk to the host through the message protocol.' }] }],
		},
	},
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
