import assert from 'node:assert/strict';
import { IncrementalHighlighter, maxOpenChars, type StatefulHighlight } from '../../../src/webview/chat/markdown/incrementalHighlight';

type HighlightWithState = (code: string, language: string) => ReturnType<StatefulHighlight> | undefined;
/** The webview's highlighter (highlight.js). Loaded by a computed path: its types pull in the DOM lib, which this tsconfig leaves out. */
const highlightModule = '../../../src/webview/chat/markdown/highlight';
let highlightWithState: HighlightWithState;
before(async () => {
	({ highlightWithState } = await import(highlightModule) as { highlightWithState: HighlightWithState });
});
const highlighterFor = (language: string): StatefulHighlight => code => highlightWithState(code, language) ?? { html: '', topLevel: true };

/** Feeds `code` in chunks; returns all frozen HTML + the last live HTML, and the largest open part re-highlighted. */
function stream(code: string, language: string, chunkSize: (i: number) => number): { html: string; frozenPieces: number } {
	const highlighter = new IncrementalHighlighter(highlighterFor(language));
	const frozen: string[] = [];
	let live = '';
	for (let i = 0, n = 0; i < code.length; n++) {
		const size = chunkSize(n);
		const result = highlighter.push(code.slice(i, i + size));
		frozen.push(...result.frozen);
		live = result.live;
		i += size;
	}
	return { html: frozen.join('') + live, frozenPieces: frozen.length };
}

const samples: Record<string, string> = {
	ts: 'function compute(n: number): number {\n\treturn n * 2; // double\n}\nconst s = `a template ${1}\nacross lines` + "string";\n/* a block\n   comment */\nclass A extends B { x = 1; }\n',
	python: 'def f(x):\n    """doc\n    string"""\n    return [y * 2 for y in range(x)]  # comment\n\n@decorator\nclass C:\n    pass\n',
	html: '<div class="a">\n<script>\nlet a = 1;\n</script>\n<style>\n.a { color: red; }\n</style>\n</div>\n',
	rust: 'fn main() {\n    let s = "multi\nline";\n    /* nested /* comment */ */\n    println!("{}", s);\n}\n',
};

describe('IncrementalHighlighter: code coloured while it streams, as it will be when finished', () => {
	for (const [language, code] of Object.entries(samples)) {
		it(`${language}: any chunking gives exactly the whole block's HTML`, () => {
			const whole = highlightWithState(code, language)?.html;
			for (const sizes of [() => 1, () => 7, (i: number) => 3 + (i * 13) % 29, () => code.length]) {
				const { html } = stream(code, language, sizes);
				assert.equal(html, whole, `chunks ${sizes.toString()}`);
			}
		});
	}

	it('freezes at line ends outside comments and strings, so each push re-colours only the open part', () => {
		const code = Array.from({ length: 200 }, (_, i) => `const value${i} = compute(${i}); // step ${i}\n`).join('');
		const { html, frozenPieces } = stream(code, 'ts', () => 20);
		assert.equal(html, highlightWithState(code, 'ts')?.html);
		assert.ok(frozenPieces >= 150, `frozen ${frozenPieces} times`);
	});

	it('bounds the open part of an unterminated comment (the colours may then differ until the block ends)', () => {
		const code = `/* ${'never closed '.repeat(1000)}\n`.repeat(2);
		let largest = 0;
		const highlighter = new IncrementalHighlighter(text => {
			largest = Math.max(largest, text.length);
			return highlighterFor('ts')(text);
		});
		for (let i = 0; i < code.length; i += 50) {
			highlighter.push(code.slice(i, i + 50));
		}
		assert.ok(largest <= maxOpenChars + 50, `never more than ${maxOpenChars} + one chunk highlighted at once: ${largest}`);
	});
});
