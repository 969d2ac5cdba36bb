import assert from 'node:assert/strict';
import { loadOnce } from '../../../src/vision/loadOnce';

describe('loadOnce (the image codec loaders)', () => {
	it('shares one load between callers, and tries again after a failure', async () => {
		let calls = 0;
		let fail = true;
		const load = loadOnce(async () => {
			calls++;
			if (fail) {
				throw new Error('not yet');
			}
			return calls;
		});
		const [a, b] = await Promise.allSettled([load(), load()]);
		assert.equal(a.status, 'rejected');
		assert.equal(b.status, 'rejected');
		assert.equal(calls, 1, 'one attempt for both callers');
		fail = false;
		assert.equal(await load(), 2, 'a failed load is not cached');
		assert.equal(await load(), 2, 'a good one is');
		assert.equal(calls, 2);
	});
});
