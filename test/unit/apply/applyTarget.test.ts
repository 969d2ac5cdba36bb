import assert from 'node:assert/strict';
import { fenceInfo, namedPath, resolveApplyTarget, safeRelativePath } from '../../../src/apply/applyTarget';

const answer = (info: string, code: string): string => `Here you go:\n\n\`\`\`${info}\n${code}\n\`\`\`\n\nDone.`;

describe('apply: target resolution', () => {
	it('takes a path from the fence info string, relative to the workspace', () => {
		const code = 'export const a = 1;';
		assert.deepEqual(resolveApplyTarget({ code, answer: answer('ts src/a.ts', code), attached: [], lastEditor: 'file:///w/b.ts' }),
			{ kind: 'path', path: 'src/a.ts', code });
		assert.deepEqual(resolveApplyTarget({ code, answer: answer('typescript file="lib/x.ts"', code), attached: [] }),
			{ kind: 'path', path: 'lib/x.ts', code });
		assert.deepEqual(resolveApplyTarget({ code, answer: answer('src/only/path.ts', code), attached: [] }),
			{ kind: 'path', path: 'src/only/path.ts', code });
	});

	it('takes a path from a "// file:" first line and leaves that line out of the code', () => {
		const code = '// file: src/new/util.ts\nexport const u = 2;\n';
		assert.deepEqual(resolveApplyTarget({ code, answer: answer('ts', code), attached: [] }),
			{ kind: 'path', path: 'src/new/util.ts', code: 'export const u = 2;\n' });
		assert.deepEqual(namedPath('python', '# file: app/main.py\nprint(1)'), { raw: 'app/main.py', code: 'print(1)' });
		assert.deepEqual(namedPath('html', '<!-- file: web/index.html -->\n<p>'), { raw: 'web/index.html', code: '<p>' });
	});

	it('a language alone or a brace attribute is not a path', () => {
		assert.equal(namedPath('ts', 'const a = 1;'), undefined);
		assert.equal(namedPath('js {1,3}', 'x'), undefined);
		assert.equal(namedPath('', '// a comment: not a file line\nx'), undefined);
	});

	it('refuses paths that leave the workspace, are absolute or name a scheme', () => {
		for (const raw of ['../secret.ts', 'src/../../x', '/etc/passwd', '~/.ssh/config', 'C:/Windows/x.ini', 'C:\\x.ini',
			'file:///etc/passwd', 'command:workbench.action.x', 'a\u0000b.ts', 'a/\nb.ts', '.', '', 'x'.repeat(501)]) {
			assert.equal(safeRelativePath(raw), undefined, JSON.stringify(raw));
		}
		const code = 'evil';
		assert.deepEqual(resolveApplyTarget({ code, answer: answer('ts ../../outside.ts', code), attached: [] }), { kind: 'refused', path: '../../outside.ts' });
	});

	it('normalises what stays inside: ./, a/.., backslashes', () => {
		assert.equal(safeRelativePath('./src/a.ts'), 'src/a.ts');
		assert.equal(safeRelativePath('src/x/../a.ts'), 'src/a.ts');
		assert.equal(safeRelativePath('src\\win\\a.ts'), 'src/win/a.ts');
		assert.equal(safeRelativePath('[x](command:evil).ts'), '[x](command:evil).ts', 'a strange but relative name is kept (it is escaped where shown)');
	});

	it('without a named path: the attached selection, else the last editor, else ask', () => {
		const code = 'return 2;';
		const attached = [{ uri: 'file:///w/a.ts', range: [1, 0, 1, 9] as const, text: 'return 1;' }];
		assert.deepEqual(resolveApplyTarget({ code, answer: answer('ts', code), attached, lastEditor: 'file:///w/b.ts' }),
			{ kind: 'attached', source: { uri: 'file:///w/a.ts', range: [1, 0, 1, 9] }, selectionText: 'return 1;', code });
		assert.deepEqual(resolveApplyTarget({ code, answer: answer('ts', code), attached: [{ uri: 'file:///w/a.ts', text: 'whole' }] }),
			{ kind: 'attached', source: { uri: 'file:///w/a.ts' }, code });
		assert.deepEqual(resolveApplyTarget({ code, answer: answer('ts', code), attached: [], lastEditor: 'file:///w/b.ts' }),
			{ kind: 'editor', uri: 'file:///w/b.ts', code });
		assert.deepEqual(resolveApplyTarget({ code, answer: answer('ts', code), attached: [] }), { kind: 'ask', code });
	});

	it('finds the info string of the pressed block among several, fences of any length and indented', () => {
		const md = 'a\n\n```py one.py\nx = 1\n```\n\n- item\n\n  ~~~~ts two.ts\n  const y = 2;\n  ~~~~\n\n````md three.md\n```\ninner\n```\n````\n';
		assert.equal(fenceInfo(md, 'x = 1'), 'py one.py');
		assert.equal(fenceInfo(md, 'const y = 2;'), 'ts two.ts');
		assert.equal(fenceInfo(md, '```\ninner\n```'), 'md three.md');
		assert.equal(fenceInfo(md, 'not there'), '');
	});
});
