import { type AiPassErrorKind, isAiPassError, RateLimitedError } from '../api/errors';
import { apiFailureMessage, type L10n } from './failureMessages';

/** What the user can do next about a failure. `cancelled` is silent; `none` is a message without a button. */
export type NextStep = 'cancelled' | 'signIn' | 'topUp' | 'retry' | 'chooseModel' | 'none';

/** A failure classified once: the sentence to show and the next step to offer. */
export interface FailureClass {
	readonly kind: NextStep;
	/** Localized, for the user; '' when cancelled. */
	readonly message: string;
	/** Rate limited: the server's Retry-After (capped by the client) and when it has passed (epoch ms). */
	readonly retryAfterSeconds?: number;
	readonly retryAt?: number;
}

/**
 * The one table from an API failure to its next step: a lost or refused sign-in → Sign In, a used-up
 * budget (402) → Top Up, anything that may work a moment later (rate limit, network, timeout, 5xx, a
 * dropped or garbled answer) → Retry, a model the service does not offer → Choose Another Model, and a
 * request the service refuses as it is (bad request, too large, not found) → nothing to press.
 */
const nextSteps: Readonly<Record<AiPassErrorKind, NextStep>> = {
	notSignedIn: 'signIn',
	authExpired: 'signIn',
	forbidden: 'signIn',
	budgetExhausted: 'topUp',
	rateLimited: 'retry',
	network: 'retry',
	timeout: 'retry',
	server: 'retry',
	streamTruncated: 'retry',
	streamError: 'retry',
	invalidResponse: 'retry',
	invalidModel: 'chooseModel',
	badRequest: 'none',
	tooLarge: 'none',
	notFound: 'none',
	aborted: 'cancelled',
};

/** Every form a cancellation takes: VS Code's `CancellationError` (named `Canceled`), an `AbortError`, the client's `aborted`. */
export function isCancellation(error: unknown): boolean {
	return (isAiPassError(error) && error.kind === 'aborted')
		|| (error instanceof Error && (error.name === 'Canceled' || error.name === 'AbortError' || error.name === 'CancellationError'));
}

/** Classifies `error`; `l10n` is `vscode.l10n` in the extension. Errors of the extension itself keep their message, with no step. */
export function classifyFailure(error: unknown, l10n: L10n): FailureClass {
	if (isCancellation(error)) {
		return { kind: 'cancelled', message: '' };
	}
	if (!isAiPassError(error)) {
		return { kind: 'none', message: error instanceof Error ? error.message : String(error) };
	}
	const message = apiFailureMessage(error, l10n);
	if (error instanceof RateLimitedError && error.retryAfterSeconds !== undefined) {
		return { kind: nextSteps[error.kind], message, retryAfterSeconds: error.retryAfterSeconds, ...(error.retryAt === undefined ? {} : { retryAt: error.retryAt }) };
	}
	return { kind: nextSteps[error.kind], message };
}
