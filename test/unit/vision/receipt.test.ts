import assert from 'node:assert/strict';
import { balancedEnd, extractJsonObject } from '../../../src/vision/jsonExtract';
import { parseReceipt } from '../../../src/vision/receipt';

const receipt = { amount: 42.5, currency: 'EUR', date: '2025-03-14', merchant: 'Café "Zum {Bären}"', category: 'restaurant', confidence: 0.92 };
const json = JSON.stringify(receipt);

describe('JSON in model answers', () => {
	const found = (answer: string) => {
		const result = extractJsonObject(answer);
		assert.ok(result.found, `nothing found in ${JSON.stringify(answer)}: ${JSON.stringify(result)}`);
		return result;
	};

	it('a ```json fenced block, with prose around it', () => {
		const result = found(`Here is the data:\n\n\`\`\`json\n${JSON.stringify(receipt, null, 2)}\n\`\`\`\n\nLet me know if you need more.`);
		assert.equal(result.source, 'fenced');
		assert.deepEqual(result.value, receipt);
	});

	it('prefers the json-tagged fence over an earlier untagged one', () => {
		const answer = `Example: \`\`\`\n{"amount": 1}\n\`\`\`\nActual:\n\`\`\`JSON\n${json}\n\`\`\``;
		assert.deepEqual(found(answer).value, receipt);
	});

	it('a bare fence without a language, and a fence whose opening line has trailing text', () => {
		assert.deepEqual(found(`\`\`\`\n${json}\n\`\`\``).value, receipt);
		assert.deepEqual(found(`\`\`\`json title="receipt"\n${json}\n\`\`\``).value, receipt);
	});

	it('inline JSON in prose, braces and quotes inside strings included', () => {
		const result = found(`Sure! {"note": "a } and a \\" and a { inside", "n": {"deep": [1, {"x": "}"}]}} is the answer {not json}.`);
		assert.equal(result.source, 'inline');
		assert.deepEqual(result.value, { note: 'a } and a " and a { inside', n: { deep: [1, { x: '}' }] } });
	});

	it('skips brace pairs that are not JSON and takes the next object', () => {
		assert.deepEqual(found(`Fields {amount, currency} are below: ${json}`).value, receipt);
	});

	it('never returns an inner object of an outer one that failed to parse', () => {
		const result = extractJsonObject('{"a": {"b": 1}, oops}');
		assert.equal(result.found, false);
	});

	it('reports empty, absent, invalid and cut-off JSON instead of inventing {}', () => {
		assert.deepEqual(extractJsonObject('   \n'), { found: false, reason: 'empty' });
		assert.deepEqual(extractJsonObject('I could not read the receipt, sorry.'), { found: false, reason: 'noObject' });
		const invalid = extractJsonObject("```json\n{'amount': 12}\n```");
		assert.equal(invalid.found === false && invalid.reason, 'invalid');
		const cut = extractJsonObject('```json\n{"amount": 12, "currency": "EU');
		assert.equal(cut.found === false && cut.reason, 'invalid');
		assert.match(cut.found === false ? cut.detail ?? '' : '', /never closes/);
		assert.equal(extractJsonObject('[1, 2, 3]').found, false, 'an array is not the object asked for');
	});

	it('balancedEnd matches braces outside strings only', () => {
		const text = 'x{"a":"}{","b":{"c":"\\\\"}}y';
		assert.equal(balancedEnd(text, 1), text.length - 2);
		assert.equal(balancedEnd('{"a": "}', 0), -1);
	});
});

describe('receipt validation', () => {
	it('accepts the expected fields and formats them', () => {
		const result = parseReceipt(`\`\`\`json\n${JSON.stringify({ ...receipt, currency: 'eur ' })}\n\`\`\``);
		assert.ok(result.ok);
		assert.deepEqual(result.receipt, receipt);
		assert.equal(result.json, JSON.stringify(receipt, null, 2));
	});

	it('lists every field with a wrong type or value', () => {
		const result = parseReceipt(JSON.stringify({ amount: '42.50', currency: 'EURO', date: 'yesterday-ish', merchant: '', confidence: 1.5 }));
		assert.equal(result.ok, false);
		assert.equal(!result.ok && result.reason, 'invalidFields');
		const fields = !result.ok ? result.problems.map(problem => problem.split(':')[0]) : [];
		assert.deepEqual(fields, ['amount', 'currency', 'date', 'merchant', 'category', 'confidence']);
		assert.match(!result.ok ? result.problems[4] : '', /category: expected a non-empty string, missing/);
	});

	it('gives a reason for empty answers, answers without JSON and broken JSON', () => {
		assert.deepEqual(parseReceipt(''), { ok: false, reason: 'empty', problems: [] });
		assert.deepEqual(parseReceipt('The image is too blurry to read.'), { ok: false, reason: 'noJson', problems: [] });
		const broken = parseReceipt('{"amount": 12,, }');
		assert.equal(!broken.ok && broken.reason, 'invalidJson');
		assert.equal(!broken.ok && broken.problems.length, 1);
	});

	it('accepts confidence at the bounds and other parseable date forms', () => {
		for (const [confidence, date] of [[0, 'March 14, 2025'], [1, '2025-03-14T10:22:00Z']] as const) {
			assert.ok(parseReceipt(JSON.stringify({ ...receipt, confidence, date })).ok, `${confidence} ${date}`);
		}
	});
});
