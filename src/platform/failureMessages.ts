import type * as vscode from 'vscode';
import { type AiPassError, BadRequestError, InvalidModelError, RateLimitedError, ResponseTooLargeError } from '../api/errors';

/**
 * `vscode.l10n` in the extension, a formatter in unit tests (only the type comes from `vscode`, so this
 * file runs in plain Node; the import also lets `npm run l10n:export` find the `l10n.t` calls).
 */
export type L10n = Pick<typeof vscode.l10n, 't'>;

/**
 * The user's sentence for an API failure, translated. `src/api` stays free of `vscode`, so its errors
 * carry a `kind` (and the details a sentence needs); the text is chosen here, at the boundary. The
 * English texts are the same as `AiPassError.userMessage`, which stays English for logs.
 */
export function apiFailureMessage(error: AiPassError, l10n: L10n): string {
	switch (error.kind) {
		case 'notSignedIn':
			return l10n.t('You are not signed in to AI Pass. Sign in to continue.');
		case 'authExpired':
			return l10n.t('Your AI Pass session has expired. Sign in again to continue.');
		case 'budgetExhausted':
			return l10n.t('Your AI Pass budget is used up. Top up your wallet at AI Pass to continue.');
		case 'invalidModel': {
			const model = error instanceof InvalidModelError ? error.model : undefined;
			return model === undefined
				? l10n.t('The selected model is not available on AI Pass. Choose another model.')
				: l10n.t('The model "{0}" is not available on AI Pass. Choose another model.', model);
		}
		case 'rateLimited': {
			const seconds = error instanceof RateLimitedError ? error.retryAfterSeconds : undefined;
			return seconds === undefined
				? l10n.t('AI Pass is receiving too many requests. Wait a moment and try again.')
				: l10n.t('AI Pass is receiving too many requests. Wait {0} seconds and try again.', seconds);
		}
		case 'badRequest': {
			const reason = error instanceof BadRequestError ? error.serverMessage : '';
			return l10n.t('AI Pass rejected the request: {0}', /[.!?…]$/.test(reason) ? reason : `${reason}.`);
		}
		case 'notFound':
			return l10n.t('AI Pass does not offer this (not found). Check the AI Pass API base path setting.');
		case 'forbidden':
			return l10n.t('AI Pass refused access to this feature. Sign in again and grant the requested permissions.');
		case 'server':
			return l10n.t('AI Pass is having a temporary problem. Try again in a moment.');
		case 'network':
			return l10n.t('Could not reach AI Pass. Check your connection and the AI Pass base URL setting.');
		case 'timeout':
			return l10n.t('AI Pass took too long to answer. Try again.');
		case 'aborted':
			return l10n.t('The request was cancelled.');
		case 'streamTruncated':
			return l10n.t('The answer was cut off before it finished. Try again.');
		case 'streamError':
			return l10n.t('AI Pass reported an error while answering. Try again.');
		case 'invalidResponse':
			return l10n.t('AI Pass sent an answer the extension does not understand. Try again or update the extension.');
		case 'tooLarge': {
			const limit = error instanceof ResponseTooLargeError ? error.limitBytes : 0;
			const size = limit >= 1024 * 1024 ? `${Math.round(limit / (1024 * 1024))} MB` : `${Math.round(limit / 1024)} KB`;
			return l10n.t('AI Pass sent more data than the extension accepts for this (over {0}). Try again or choose a smaller output.', size);
		}
	}
}
