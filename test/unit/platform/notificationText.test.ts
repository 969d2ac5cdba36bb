import assert from 'node:assert/strict';
import { notificationText } from '../../../src/platform/notificationText';

/**
 * The link grammar of VS Code notification messages (vs/base/common/linkedText, 1.139): `[label](href)`
 * or `[label](href "title")`, href starting with http://, https://, command: or file:, case-insensitive.
 * Written out here as the oracle: a message is safe when this finds no link in it.
 */
const notificationLink = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;

function links(message: string): string[] {
	return [...message.matchAll(notificationLink)].map(match => match[2]);
}

const hostile = [
	'[x](command:workbench.action.openSettings).png',
	'[Open settings](command:workbench.action.openSettings?%5B%22aipass%22%5D)',
	'[click](https://evil.example/steal)',
	'[click](http://evil.example/steal "a title")',
	'[file](file:///etc/passwd)',
	'[UPPER](COMMAND:workbench.action.terminal.new)',
	'[MiXeD](HtTpS://evil.example)',
	'nested [[a](command:x)](command:y)',
	'two [a](command:one) and [b](command:two)',
	'a](command:x) then [b',
	'command:workbench.action.openSettings bare',
	'see https://evil.example/bare',
	'[a]\u2060(command:x) already joined',
	'ümlaut [ü](command:ü)',
];

describe('notificationText (hostile text in notifications)', () => {
	it('the oracle finds the links VS Code would render (so the test can fail)', () => {
		assert.deepEqual(links(hostile[0]), ['command:workbench.action.openSettings']);
		assert.deepEqual(links(hostile[3]), ['http://evil.example/steal']);
		assert.equal(links(hostile[8]).length, 2);
	});

	for (const text of hostile) {
		it(`no link survives in ${JSON.stringify(text)}`, () => {
			const safe = notificationText(text);
			assert.deepEqual(links(safe), []);
			assert.deepEqual(links(`Saved the image in ${safe}.`), []);
		});
	}

	it('reads the same on screen: only invisible word joiners are added', () => {
		for (const text of hostile) {
			assert.equal(notificationText(text).replace(/\u2060/g, ''), text.replace(/\u2060/g, ''));
		}
	});

	it('two neutralised pieces side by side still form no link', () => {
		const message = notificationText('[x]') + notificationText('(command:workbench.action.openSettings)');
		assert.deepEqual(links(message), []);
	});

	it('leaves ordinary text untouched', () => {
		for (const text of ['Saved the image in aipass-media.', 'a [bracketed] name (with parens).png', 'gpt-5-mini', 'Analyzing photo (1).jpg']) {
			assert.equal(notificationText(text), text);
		}
	});
});
