import assert from 'node:assert/strict';
import { estimateTokens, familyAndVersion, inputTokenCap, tokenLimits } from '../../../src/lm/modelTraits';

describe('lm: model traits from the id', () => {
	it('splits a dated snapshot into family and version', () => {
		assert.deepEqual(familyAndVersion('gpt-4o-2024-11-20'), { family: 'gpt-4o', version: '2024-11-20' });
		assert.deepEqual(familyAndVersion('claude-3-5-sonnet-20241022'), { family: 'claude-3-5-sonnet', version: '20241022' });
		assert.deepEqual(familyAndVersion('gpt-4-0613'), { family: 'gpt-4', version: '0613' });
	});

	it('keeps an undated id as both family and version, without a provider prefix', () => {
		assert.deepEqual(familyAndVersion('gpt-5-mini'), { family: 'gpt-5-mini', version: 'gpt-5-mini' });
		assert.deepEqual(familyAndVersion('gemini/gemini-2.5-flash-lite'), { family: 'gemini-2.5-flash-lite', version: 'gemini-2.5-flash-lite' });
		assert.deepEqual(familyAndVersion('claude-haiku-4-5'), { family: 'claude-haiku-4-5', version: 'claude-haiku-4-5' });
	});

	it('gives known families their output limits and caps every input limit', () => {
		assert.deepEqual(tokenLimits('gpt-5-mini'), { maxInputTokens: inputTokenCap, maxOutputTokens: 128_000 });
		assert.deepEqual(tokenLimits('claude-haiku-4-5'), { maxInputTokens: inputTokenCap, maxOutputTokens: 64_000 });
		assert.deepEqual(tokenLimits('gemini/gemini-2.5-flash-lite'), { maxInputTokens: inputTokenCap, maxOutputTokens: 65_536 });
		assert.deepEqual(tokenLimits('gpt-4o-mini-2024-07-18'), { maxInputTokens: 128_000, maxOutputTokens: 16_384 });
	});

	it('falls back to a small window for unknown models', () => {
		assert.deepEqual(tokenLimits('mystery-model'), { maxInputTokens: 32_000, maxOutputTokens: 4_096 });
	});

	it('estimates tokens as characters / 4, rounded up', () => {
		assert.equal(estimateTokens(0), 0);
		assert.equal(estimateTokens(1), 1);
		assert.equal(estimateTokens(8), 2);
		assert.equal(estimateTokens(9), 3);
	});
});
