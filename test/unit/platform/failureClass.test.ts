import assert from 'node:assert/strict';
import {
	AbortedError, type AiPassError, type AiPassErrorKind, AuthExpiredError, BadRequestError, BudgetExhaustedError, ForbiddenError,
	InvalidModelError, InvalidResponseError, NetworkError, NotFoundError, NotSignedInError, RateLimitedError, ResponseTooLargeError,
	ServerError, StreamError, StreamTruncatedError, TimeoutError,
} from '../../../src/api/errors';
import { classifyFailure, isCancellation, type NextStep } from '../../../src/platform/failureClass';
import type { L10n } from '../../../src/platform/failureMessages';

/** Formats like `vscode.l10n.t` and marks the result, so a sentence that skipped translation shows. */
const german: L10n = {
	t: ((message: string, ...args: Array<string | number | boolean>) => `«${message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]))}»`) as L10n['t'],
};

const cases: { error: AiPassError; kind: NextStep; message: string }[] = [
	{ error: new NotSignedInError(), kind: 'signIn', message: 'You are not signed in to AI Pass. Sign in to continue.' },
	{ error: new AuthExpiredError(), kind: 'signIn', message: 'Your AI Pass session has expired. Sign in again to continue.' },
	{ error: new ForbiddenError('403'), kind: 'signIn', message: 'AI Pass refused access to this feature. Sign in again and grant the requested permissions.' },
	{ error: new BudgetExhaustedError(), kind: 'topUp', message: 'Your AI Pass budget is used up. Top up your wallet at AI Pass to continue.' },
	{ error: new RateLimitedError('429'), kind: 'retry', message: 'AI Pass is receiving too many requests. Wait a moment and try again.' },
	{ error: new NetworkError('down'), kind: 'retry', message: 'Could not reach AI Pass. Check your connection and the AI Pass base URL setting.' },
	{ error: new TimeoutError('slow'), kind: 'retry', message: 'AI Pass took too long to answer. Try again.' },
	{ error: new ServerError('503'), kind: 'retry', message: 'AI Pass is having a temporary problem. Try again in a moment.' },
	{ error: new StreamTruncatedError('cut', 'par'), kind: 'retry', message: 'The answer was cut off before it finished. Try again.' },
	{ error: new StreamError('err', 'par'), kind: 'retry', message: 'AI Pass reported an error while answering. Try again.' },
	{ error: new InvalidResponseError('garbled'), kind: 'retry', message: 'AI Pass sent an answer the extension does not understand. Try again or update the extension.' },
	{ error: new InvalidModelError('400', 'gpt-9'), kind: 'chooseModel', message: 'The model "gpt-9" is not available on AI Pass. Choose another model.' },
	{ error: new InvalidModelError('400'), kind: 'chooseModel', message: 'The selected model is not available on AI Pass. Choose another model.' },
	{ error: new BadRequestError('400', 'prompt is too long'), kind: 'none', message: 'AI Pass rejected the request: prompt is too long.' },
	{ error: new ResponseTooLargeError('big', 8 * 1024 * 1024), kind: 'none', message: 'AI Pass sent more data than the extension accepts for this (over 8 MB). Try again or choose a smaller output.' },
	{ error: new NotFoundError('404'), kind: 'none', message: 'AI Pass does not offer this (not found). Check the AI Pass API base path setting.' },
	{ error: new AbortedError(), kind: 'cancelled', message: '' },
];

describe('classifyFailure: one table from a failure to its message and next step', () => {
	for (const { error, kind, message } of cases) {
		it(`${error.kind} (${error.name}): "${message.slice(0, 40)}" → ${kind}`, () => {
			const failure = classifyFailure(error, german);
			assert.equal(failure.kind, kind);
			assert.equal(failure.message, message === '' ? '' : `«${message}»`, 'the sentence, through l10n');
		});
	}

	it('covers every kind of API error', () => {
		const all: AiPassErrorKind[] = ['notSignedIn', 'authExpired', 'budgetExhausted', 'invalidModel', 'rateLimited', 'badRequest', 'notFound',
			'forbidden', 'server', 'network', 'timeout', 'aborted', 'streamTruncated', 'streamError', 'invalidResponse', 'tooLarge'];
		assert.deepEqual([...new Set(cases.map(c => c.error.kind))].sort(), [...all].sort());
	});

	it('rate limited with Retry-After: Retry, the seconds in the sentence and a fixed deadline', () => {
		const failure = classifyFailure(new RateLimitedError('429', 7, undefined, 1_000_000), german);
		assert.deepEqual(failure, {
			kind: 'retry', message: '«AI Pass is receiving too many requests. Wait 7 seconds and try again.»', retryAfterSeconds: 7, retryAt: 1_007_000,
		});
	});

	it('recognizes cancellation in all its forms and says nothing', () => {
		const vscodeCancel = Object.assign(new Error('Canceled'), { name: 'Canceled' }); // vscode.CancellationError
		const domAbort = new DOMException('This operation was aborted', 'AbortError');
		const controller = new AbortController();
		controller.abort();
		const signalReason: unknown = controller.signal.reason;
		for (const error of [vscodeCancel, domAbort, signalReason, new AbortedError(), Object.assign(new Error('x'), { name: 'CancellationError' })]) {
			assert.equal(isCancellation(error), true, String(error));
			assert.deepEqual(classifyFailure(error, german), { kind: 'cancelled', message: '' });
		}
	});

	it('an error of the extension itself keeps its own message and offers no step', () => {
		assert.deepEqual(classifyFailure(new Error('photo.png is empty (0 bytes).'), german), { kind: 'none', message: 'photo.png is empty (0 bytes).' });
		assert.deepEqual(classifyFailure('plain text', german), { kind: 'none', message: 'plain text' });
		assert.equal(isCancellation(new Error('Canceled by nothing')), false);
	});
});
