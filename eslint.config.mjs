import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** The Node side of each host seam: `x.ts` beside an `x.web.ts` that the browser build picks instead. */
const nodeSeams = readdirSync(`${import.meta.dirname}/src`, { recursive: true, encoding: 'utf8' })
	.filter(file => file.endsWith('.web.ts'))
	.map(file => `src/${file.replace(/\\/g, '/').replace(/\.web\.ts$/, '.ts')}`);

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
		ignores: nodeSeams,
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
