import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { base64ToBytes, bytesToBase64 } from '../../../src/api/bytes';

describe('bytesToBase64 (no Buffer: shared by the Node and web worker hosts)', () => {
	it('matches Node\'s encoder at every padding length and across its 32 KB slices', () => {
		for (const size of [0, 1, 2, 3, 4, 0x8000 - 1, 0x8000, 0x8000 + 1, 3 * 0x8000 + 2, 200_001]) {
			const bytes = new Uint8Array(randomBytes(size));
			assert.equal(bytesToBase64(bytes), Buffer.from(bytes).toString('base64'), `size ${size}`);
		}
	});

	it('encodes only the view, not the whole underlying buffer, and round-trips', () => {
		const whole = new Uint8Array([9, 9, 1, 2, 3, 250, 9]);
		const view = whole.subarray(2, 6);
		assert.equal(bytesToBase64(view), 'AQID+g==');
		assert.deepEqual([...base64ToBytes(bytesToBase64(view))], [1, 2, 3, 250]);
	});
});
