import assert from 'node:assert/strict';
import { formatCharge, formatCount, formatUsd } from '../../../src/platform/costFormat';

describe('cost: formatCharge (contract)', () => {
	it('writes 4 decimals under $1 and 2 from $1', () => {
		assert.equal(formatCharge(0.0137), '$0.0137');
		assert.equal(formatCharge(0), '$0.0000');
		assert.equal(formatCharge(0.00004), '$0.0000');
		assert.equal(formatCharge(0.99994), '$0.9999');
		assert.equal(formatCharge(1.25), '$1.25');
		assert.equal(formatCharge(1234.5), '$1,234.50');
	});

	it('lets rounding decide the form: 0.99996 is $1.00, never $1.0000', () => {
		assert.equal(formatCharge(0.99996), '$1.00');
	});

	it('prefixes an estimate with ≈', () => {
		assert.equal(formatCharge(0.004, true), '≈ $0.0040');
		assert.equal(formatCharge(2, true), '≈ $2.00');
	});

	it('never prints a negative, NaN or infinite amount', () => {
		assert.equal(formatCharge(-0.5), '$0.0000');
		assert.equal(formatCharge(Number.NaN), '$0.0000');
		assert.equal(formatCharge(Number.POSITIVE_INFINITY), '$0.0000');
	});

	it('groups thousands in counts', () => {
		assert.equal(formatCount(1204), '1,204');
		assert.equal(formatCount(7), '7');
	});
});

describe('platform: formatUsd (budget amounts)', () => {
	it('formats dollars with two decimals', () => {
		assert.equal(formatUsd(7.55), '$7.55');
		assert.equal(formatUsd(10), '$10.00');
		assert.equal(formatUsd(1234.5), '$1,234.50');
		assert.equal(formatUsd(-0.12), '-$0.12');
		assert.equal(formatUsd(-0.001), '$0.00', 'no negative zero');
	});
});
