import assert from 'node:assert/strict';
import { type ImageProblem, isImageInputError } from '../../../src/vision/codec/imageErrors';
import { prepareImage } from '../../../src/vision/codec/prepareImage';
import { wasm } from './fixtures';

/** Why the codec refuses `bytes`; fails the test when it accepts them or throws anything else. */
export async function problemOf(bytes: Uint8Array): Promise<ImageProblem> {
	try {
		await prepareImage(bytes, { wasm });
	} catch (error) {
		assert.ok(isImageInputError(error), `expected an ImageInputError, got ${String(error)}`);
		return error.problem;
	}
	assert.fail('prepareImage accepted the bytes');
}
