import assert from 'node:assert/strict';
import { escapeMarkdown } from '../../../src/platform/markdownEscape';

describe('platform: escapeMarkdown', () => {
	it('leaves no link, emphasis, HTML or theme icon in outside text', () => {
		assert.equal(
			escapeMarkdown('Wallet [suspended](command:aipass.signOut) **now** $(error) <b>x</b>'),
			'Wallet \\[suspended\\]\\(command:aipass\\.signOut\\) \\*\\*now\\*\\* \\$\\(error\\) \\<b\\>x\\</b\\>',
		);
		assert.equal(escapeMarkdown('a\\b `c` _d_ #1 | e - f + g! {h}'), 'a\\\\b \\`c\\` \\_d\\_ \\#1 \\| e \\- f \\+ g\\! \\{h\\}');
		assert.equal(escapeMarkdown('plain words'), 'plain words');
	});
});
