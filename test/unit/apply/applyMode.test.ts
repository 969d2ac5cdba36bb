import assert from 'node:assert/strict';
import { detectApplyMode, hasElision } from '../../../src/apply/applyMode';

const lines = (n: number, prefix = 'line'): string => Array.from({ length: n }, (_, i) => `${prefix} ${i + 1};`).join('\n') + '\n';

describe('apply: snippet or whole', () => {
	it('a block for the attached selection replaces the selection', () => {
		const file = lines(40);
		assert.equal(detectApplyMode('return 2;\n', file, 'return 1;\n'), 'replaceSelection');
		assert.equal(detectApplyMode(lines(6, 'new'), file, lines(5)), 'replaceSelection', 'a somewhat longer rewrite is still the selection');
	});

	it('a block as long as the file replaces the whole file, even when a selection was attached', () => {
		const file = lines(20);
		assert.equal(detectApplyMode(lines(19, 'new'), file, 'line 3;\n'), 'replaceFile');
		assert.equal(detectApplyMode(lines(20, 'new'), file), 'replaceFile');
		assert.equal(detectApplyMode('anything', ''), 'replaceFile', 'an empty file takes the block');
		assert.equal(detectApplyMode('x', 'a\nb\n'), 'replaceFile', 'a tiny file is replaced');
	});

	it('a short snippet for a larger file is merged', () => {
		assert.equal(detectApplyMode(lines(4, 'new'), lines(60)), 'merge');
	});

	it('a block that leaves code out is merged, whatever its length', () => {
		const withGap = 'function a() {\n  // ... existing code ...\n  return 2;\n}\n';
		assert.equal(detectApplyMode(withGap, lines(5)), 'merge');
		assert.equal(detectApplyMode(withGap, lines(40), lines(3)), 'merge');
		for (const marker of ['// ...', '# ...', '...', '/* ... */', '<!-- ... -->', '    // … rest of the file unchanged', '{/* ... */}']) {
			assert.ok(hasElision(`a\n${marker}\nb`), marker);
		}
		for (const plain of ['const xs = [...ys];', 'foo(...args)', '// see the docs...', 'print("...")']) {
			assert.equal(hasElision(plain), false, plain);
		}
	});
});
