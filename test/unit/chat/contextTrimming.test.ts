import assert from 'node:assert/strict';
import type { StoredMessage } from '../../../src/chat/conversation';
import { buildContext, imageTokens } from '../../../src/chat/requestBuilder';

const png = 'data:image/png;base64,AAAA';
const question = (i: number, extra: Partial<StoredMessage> = {}): StoredMessage => ({ id: `u${i}`, role: 'user', text: `Question ${i}: ${'q'.repeat(396)}`, createdAt: i, ...extra });
const answer = (i: number): StoredMessage => ({ id: `a${i}`, role: 'assistant', text: `Answer ${i}: ${'a'.repeat(1990)}`, createdAt: i, status: 'done' });

/** The prompt tokens of each of 50 turns, and what the whole conversation cost at one price per token. */
function fiftyTurns(maxContextTokens: number | undefined): { prompts: number[]; cumulative: number[] } {
	const history: StoredMessage[] = [];
	const prompts: number[] = [];
	const cumulative: number[] = [];
	let spent = 0;
	for (let turn = 1; turn <= 50; turn++) {
		history.push(question(turn, turn === 1 ? { images: [{ name: 'first.png', dataUrl: png }] } : {}));
		const built = buildContext(history, { model: 'm', systemPrompt: '', vision: true, ...(maxContextTokens ? { maxContextTokens } : {}) });
		prompts.push(built.estimatedTokens);
		spent += built.estimatedTokens * 0.000001;
		cumulative.push(spent);
		history.push(answer(turn));
	}
	return { prompts, cumulative };
}

describe('chat: context trimming and images (cost grows linearly)', () => {
	it('over 50 turns the cost grows linearly with trimming, quadratically without', () => {
		const trimmed = fiftyTurns(4000);
		assert.ok(trimmed.prompts.every(tokens => tokens <= 4000), `every request stays within the limit: ${Math.max(...trimmed.prompts)}`);
		// Linear: twice the turns cost about twice as much (the first turns are cheaper, so a bit more).
		const linear = trimmed.cumulative[49] / trimmed.cumulative[24];
		assert.ok(linear < 2.3, `50 turns cost ${linear.toFixed(2)}× 25 turns`);
		const untrimmed = fiftyTurns(undefined);
		const quadratic = untrimmed.cumulative[49] / untrimmed.cumulative[24];
		assert.ok(quadratic > 3.5, `without a limit: ${quadratic.toFixed(2)}×`);
		// Per turn: flat with the limit, growing without.
		assert.ok(trimmed.prompts[49] - trimmed.prompts[30] < 700);
		assert.ok(untrimmed.prompts[49] - untrimmed.prompts[30] > 10_000);
	});

	it('leaves out whole turns, oldest first, and says how many; the question asked is always sent', () => {
		const history = [question(1), answer(1), question(2), answer(2), question(3)];
		const built = buildContext(history, { model: 'm', systemPrompt: 'Be brief.', vision: true, maxContextTokens: 1000 });
		assert.equal(built.omittedTurns, 1);
		assert.deepEqual(built.request.messages.map(m => m.role), ['system', 'user', 'assistant', 'user']);
		assert.match(String(built.request.messages[1].content), /^Question 2/);
		const tiny = buildContext(history, { model: 'm', systemPrompt: '', vision: true, maxContextTokens: 10 });
		assert.equal(tiny.request.messages.length, 1);
		assert.equal(tiny.omittedTurns, 2);
	});

	it('sends an image with its own question only; later questions name it, unless it is pinned', () => {
		const first = question(1, { images: [{ name: 'shot.png', dataUrl: png }] });
		const asked = buildContext([first], { model: 'm', systemPrompt: '', vision: true });
		assert.ok(Array.isArray(asked.request.messages[0].content), 'sent with its own turn');
		assert.equal(asked.estimatedTokens, Math.ceil(first.text.length / 4) + imageTokens);
		const later = buildContext([first, answer(1), question(2)], { model: 'm', systemPrompt: '', vision: true });
		assert.equal(typeof later.request.messages[0].content, 'string');
		assert.match(String(later.request.messages[0].content), /\[image: shot\.png\]$/);
		const pinned = buildContext([{ ...first, pinned: true }, answer(1), question(2)], { model: 'm', systemPrompt: '', vision: true });
		assert.ok(Array.isArray(pinned.request.messages[0].content), 'a pinned image goes with every question');
	});
});
