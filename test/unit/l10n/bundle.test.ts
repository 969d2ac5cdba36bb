import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { chatStrings } from '../../../src/chat/webviewStrings';

const root = path.resolve(__dirname, '..', '..', '..');
const readJson = (file: string): Record<string, unknown> => JSON.parse(readFileSync(path.join(root, file), 'utf8')) as Record<string, unknown>;
const SECOND_LANGUAGE = 'de';

function sourceFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
		const full = path.join(dir, entry.name);
		return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
	});
}

/** Every `vscode.l10n.t(...)` / `l10n.t(...)` call in src: its message, or where a call's message is not a literal. */
function l10nCalls(): { messages: Set<string>; notLiteral: string[] } {
	const messages = new Set<string>();
	const notLiteral: string[] = [];
	for (const file of sourceFiles(path.join(root, 'src'))) {
		const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
		const visit = (node: ts.Node): void => {
			if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 't'
				&& /(^|\.)l10n$/.test(node.expression.expression.getText(source))) {
				const first = node.arguments[0];
				if (first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))) {
					messages.add(first.text);
				} else if (!isChatStringsTranslator(node)) {
					const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
					notLiteral.push(`${path.relative(root, file)}:${line + 1}`);
				}
			}
			ts.forEachChild(node, visit);
		};
		visit(source);
	}
	return { messages, notLiteral };
}

/** `chatStrings(message => vscode.l10n.t(message))`: its messages are checked through `chatStrings` itself. */
function isChatStringsTranslator(call: ts.CallExpression): boolean {
	const arrow = call.parent;
	return ts.isArrowFunction(arrow) && ts.isCallExpression(arrow.parent) && arrow.parent.expression.getText() === 'chatStrings';
}

const placeholders = (text: string): string[] => [...new Set(text.match(/\{\d+\}/g) ?? [])].sort();

describe('l10n: the bundle and the second language', () => {
	const bundle = readJson('l10n/bundle.l10n.json');
	const translated = readJson(`l10n/bundle.l10n.${SECOND_LANGUAGE}.json`);

	it('package.json points VS Code at the l10n folder', () => {
		assert.equal(readJson('package.json').l10n, './l10n');
	});

	it('every vscode.l10n.t message in src, and every chat webview string, is in the exported bundle (npm run l10n:export)', () => {
		const { messages, notLiteral } = l10nCalls();
		assert.deepEqual(notLiteral, [], 'a message that is not a string literal cannot be exported or translated');
		assert.ok(messages.size > 200, `${messages.size} messages found`);
		for (const message of Object.values(chatStrings(text => text))) {
			messages.add(message);
		}
		assert.deepEqual([...messages].filter(message => !(message in bundle)), [], 'missing from l10n/bundle.l10n.json');
		assert.deepEqual(Object.keys(bundle).filter(key => !messages.has(key)), [], 'stale entries in l10n/bundle.l10n.json');
	});

	it(`the ${SECOND_LANGUAGE} bundle translates every message, keeping its placeholders`, () => {
		assert.deepEqual(Object.keys(translated).sort(), Object.keys(bundle).sort());
		for (const [message, text] of Object.entries(translated)) {
			assert.ok(typeof text === 'string' && text.trim() !== '', `empty translation of "${message}"`);
			assert.deepEqual(placeholders(text), placeholders(message), `placeholders of "${message}"`);
		}
		const untranslated = Object.entries(translated).filter(([message, text]) => message === text && /[a-z]{4,} [a-z]{3,}/.test(message));
		assert.deepEqual(untranslated.map(([message]) => message), [], 'sentences left in English');
	});

	it(`package.nls.json covers every %key% of package.json, and package.nls.${SECOND_LANGUAGE}.json translates every key`, () => {
		const nls = readJson('package.nls.json');
		const nlsTranslated = readJson(`package.nls.${SECOND_LANGUAGE}.json`);
		const used = [...new Set([...readFileSync(path.join(root, 'package.json'), 'utf8').matchAll(/"%([\w.-]+)%"/g)].map(match => match[1]))];
		assert.deepEqual(used.filter(key => !(key in nls)), []);
		assert.deepEqual(Object.keys(nlsTranslated).sort(), Object.keys(nls).sort());
		for (const [key, text] of Object.entries(nlsTranslated)) {
			assert.ok(typeof text === 'string' && text.trim() !== '', key);
			assert.equal(/[a-z]{4,} [a-z]{3,}/.test(String(nls[key])) && text === nls[key], false, `${key} left in English`);
		}
	});
});
