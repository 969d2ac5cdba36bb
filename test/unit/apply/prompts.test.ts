import assert from 'node:assert/strict';
import { codeFromAnswer, editMessages, fenceFor, matchTrailingNewline, mergeMessages, pickFastModel } from '../../../src/apply/prompts';
import { minimalReplacement, spliceText, withEol } from '../../../src/apply/textEdits';

describe('apply: the merge prompt', () => {
	it('sends the whole file and the snippet, each in a fence it cannot close, and asks for the complete file', () => {
		const file = 'const a = "```";\nexport function f() {\n  return 1;\n}\n';
		const messages = mergeMessages({ path: 'src/f.ts', language: 'typescript', file, snippet: 'export function f() {\n  return 2;\n}' });
		assert.equal(messages.length, 2);
		assert.equal(messages[0].role, 'system');
		const system = String(messages[0].content);
		assert.match(system, /complete updated file/);
		assert.match(system, /existing code/);
		assert.match(system, /one fenced code block/);
		const user = String(messages[1].content);
		assert.equal(user, [
			'File: src/f.ts', '', 'Current file:', '````typescript', 'const a = "```";', 'export function f() {', '  return 1;', '}', '````', '',
			'Change to merge into it:', '```typescript', 'export function f() {', '  return 2;', '}', '```', '', 'Answer with the complete updated file.',
		].join('\n'));
	});

	it('the edit prompt carries the instruction and the code', () => {
		const [system, user] = editMessages({ path: 'a.py', language: 'python', code: 'x=1\n', instruction: 'add spaces' });
		assert.match(String(system.content), /rewritten code only/);
		assert.equal(user.content, 'File: a.py\n\nInstruction: add spaces\n\nCode to rewrite:\n```python\nx=1\n```');
	});

	it('reads the code out of the answer', () => {
		assert.equal(codeFromAnswer('Sure:\n```ts\nconst a = 1;\n```\nThat is it.'), 'const a = 1;');
		assert.equal(codeFromAnswer('```\nshort\n```\n\n```ts\nthe longer block\nhere\n```'), 'the longer block\nhere');
		assert.equal(codeFromAnswer('````md\n```\nx\n```\n````'), '```\nx\n```');
		assert.equal(codeFromAnswer('\nplain code\n  indented\n\n'), 'plain code\n  indented');
	});

	it('fences, trailing newlines and line endings', () => {
		assert.equal(fenceFor('no ticks'), '```');
		assert.equal(fenceFor('a ```` b'), '`````');
		assert.equal(matchTrailingNewline('a\n', 'b'), 'b\n');
		assert.equal(matchTrailingNewline('a', 'b\n\n'), 'b');
		assert.equal(withEol('a\nb\r\nc', '\r\n'), 'a\r\nb\r\nc');
		assert.equal(withEol('a\r\nb', '\n'), 'a\nb');
	});

	it('picks a fast, cheap model when none is set', () => {
		assert.equal(pickFastModel(['gpt-5', 'claude-sonnet', 'gpt-5-mini', 'gpt-5-nano'], 'gpt-5'), 'gpt-5-nano');
		assert.equal(pickFastModel(['gpt-5', 'gemini-2.5-flash'], 'gpt-5'), 'gemini-2.5-flash');
		assert.equal(pickFastModel(['big-model'], 'fallback'), 'fallback');
	});

	it('the edit is the smallest replacement, and splicing it gives the proposal', () => {
		const before = 'a\nb\nc\n';
		const after = 'a\nB!\nc\n';
		const r = minimalReplacement(before, after);
		assert.deepEqual(r, { start: 2, end: 3, text: 'B!' });
		assert.equal(spliceText(before, r.start, r.end, r.text), after);
		assert.deepEqual(minimalReplacement('same', 'same'), { start: 4, end: 4, text: '' });
		const emoji = minimalReplacement('x😀y', 'x😃y');
		assert.equal(spliceText('x😀y', emoji.start, emoji.end, emoji.text), 'x😃y');
		assert.equal(emoji.text, '😃', 'a surrogate pair is never split');
	});
});
