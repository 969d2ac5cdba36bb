import { readPrefix } from './boundedBody';
import { describeErrorBody, parseRetryAfter } from './errorBody';
import { ERROR_BODY_LIMIT, MAX_RETRY_AFTER_SECONDS } from './limits';

export type AiPassErrorKind =
	| 'notSignedIn' | 'authExpired' | 'budgetExhausted' | 'invalidModel' | 'rateLimited' | 'badRequest'
	| 'notFound' | 'forbidden' | 'server' | 'network' | 'timeout' | 'aborted' | 'streamTruncated'
	| 'streamError' | 'invalidResponse' | 'tooLarge';

export interface AiPassErrorOptions {
	status?: number;
	cause?: unknown;
}

/**
 * Every failure of the API client. `message` is technical (for logs), `userMessage` is a short
 * plain-English sentence saying what to do. Neither ever contains a token.
 */
export abstract class AiPassError extends Error {
	abstract readonly kind: AiPassErrorKind;
	readonly status?: number;

	constructor(message: string, readonly userMessage: string, options: AiPassErrorOptions = {}) {
		super(message, options.cause === undefined ? undefined : { cause: options.cause });
		this.name = new.target.name;
		this.status = options.status;
	}
}

export function isAiPassError(e: unknown): e is AiPassError {
	return e instanceof AiPassError;
}

export class NotSignedInError extends AiPassError {
	readonly kind = 'notSignedIn';
	constructor(message = 'Not signed in to AI Pass', options?: AiPassErrorOptions) {
		super(message, 'You are not signed in to AI Pass. Sign in to continue.', options);
	}
}

export class AuthExpiredError extends AiPassError {
	readonly kind = 'authExpired';
	constructor(message = 'AI Pass session expired', options?: AiPassErrorOptions) {
		super(message, 'Your AI Pass session has expired. Sign in again to continue.', options);
	}
}

export class BudgetExhaustedError extends AiPassError {
	readonly kind = 'budgetExhausted';
	constructor(message = 'AI Pass budget exhausted', options?: AiPassErrorOptions) {
		super(message, 'Your AI Pass budget is used up. Top up your wallet at AI Pass to continue.', options);
	}
}

export class InvalidModelError extends AiPassError {
	readonly kind = 'invalidModel';
	constructor(message: string, readonly model?: string, options?: AiPassErrorOptions) {
		super(message, model === undefined
			? 'The selected model is not available on AI Pass. Choose another model.'
			: `The model "${model}" is not available on AI Pass. Choose another model.`, options);
	}
}

export class RateLimitedError extends AiPassError {
	readonly kind = 'rateLimited';
	/** Retry-After, capped at `MAX_RETRY_AFTER_SECONDS`. */
	readonly retryAfterSeconds?: number;
	/** When a retry is allowed (epoch ms), fixed when the answer arrived: redraws never restart it. */
	readonly retryAt?: number;
	constructor(message: string, retryAfterSeconds?: number, options?: AiPassErrorOptions, now = Date.now()) {
		const seconds = retryAfterSeconds === undefined ? undefined : Math.min(Math.max(0, retryAfterSeconds), MAX_RETRY_AFTER_SECONDS);
		super(message, seconds === undefined
			? 'AI Pass is receiving too many requests. Wait a moment and try again.'
			: `AI Pass is receiving too many requests. Wait ${seconds} seconds and try again.`, options);
		this.retryAfterSeconds = seconds;
		this.retryAt = seconds === undefined ? undefined : now + seconds * 1000;
	}
}

export class BadRequestError extends AiPassError {
	readonly kind = 'badRequest';
	constructor(message: string, readonly serverMessage: string, options?: AiPassErrorOptions) {
		super(message, `AI Pass rejected the request: ${/[.!?…]$/.test(serverMessage) ? serverMessage : `${serverMessage}.`}`, options);
	}
}

export class NotFoundError extends AiPassError {
	readonly kind = 'notFound';
	constructor(message: string, options?: AiPassErrorOptions) {
		super(message, 'AI Pass does not offer this (not found). Check the AI Pass API base path setting.', options);
	}
}

export class ForbiddenError extends AiPassError {
	readonly kind = 'forbidden';
	constructor(message: string, options?: AiPassErrorOptions) {
		super(message, 'AI Pass refused access to this feature. Sign in again and grant the requested permissions.', options);
	}
}

export class ServerError extends AiPassError {
	readonly kind = 'server';
	constructor(message: string, options?: AiPassErrorOptions) {
		super(message, 'AI Pass is having a temporary problem. Try again in a moment.', options);
	}
}

export class NetworkError extends AiPassError {
	readonly kind = 'network';
	constructor(message: string, options?: AiPassErrorOptions) {
		super(message, 'Could not reach AI Pass. Check your connection and the AI Pass base URL setting.', options);
	}
}

export class TimeoutError extends AiPassError {
	readonly kind = 'timeout';
	/** True when the answer had started and then went silent; false when it never started. */
	readonly idle: boolean;
	constructor(message: string, options: AiPassErrorOptions & { idle?: boolean } = {}) {
		super(message, options.idle === true
			? 'AI Pass stopped sending the answer. Try again.'
			: 'AI Pass took too long to answer. Try again.', options);
		this.idle = options.idle === true;
	}
}

export class AbortedError extends AiPassError {
	readonly kind = 'aborted';
	constructor(message = 'Request cancelled', options?: AiPassErrorOptions) {
		super(message, 'The request was cancelled.', options);
	}
}

export class StreamTruncatedError extends AiPassError {
	readonly kind = 'streamTruncated';
	constructor(message: string, readonly partialText: string, options?: AiPassErrorOptions,
		userMessage = 'The answer was cut off before it finished. Try again.') {
		super(message, userMessage, options);
	}
}

/** A stream that started and then sent nothing for the idle timeout; keeps the text that arrived. */
export class StreamStalledError extends StreamTruncatedError {
	constructor(message: string, partialText: string, options?: AiPassErrorOptions) {
		super(message, partialText, options, 'AI Pass stopped sending the answer, so it is cut off. Try again.');
	}
}

export class StreamError extends AiPassError {
	readonly kind = 'streamError';
	constructor(message: string, readonly partialText: string, options?: AiPassErrorOptions) {
		super(message, 'AI Pass reported an error while answering. Try again.', options);
	}
}

export class InvalidResponseError extends AiPassError {
	readonly kind = 'invalidResponse';
	constructor(message: string, options?: AiPassErrorOptions) {
		super(message, 'AI Pass sent an answer the extension does not understand. Try again or update the extension.', options);
	}
}

/** A response (or a stream) larger than the client accepts for that call; nothing of it is kept. */
export class ResponseTooLargeError extends AiPassError {
	readonly kind = 'tooLarge';
	constructor(message: string, readonly limitBytes: number, options?: AiPassErrorOptions) {
		super(message, `AI Pass sent more data than the extension accepts for this (over ${formatLimit(limitBytes)}). Try again or choose a smaller output.`, options);
	}
}

function formatLimit(bytes: number): string {
	return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.round(bytes / 1024)} KB`;
}

/**
 * Maps a non-2xx response to a typed error (aipass-api.md §12): status first, then the body.
 * `secrets` (the tokens used) are blanked out of anything taken from the body.
 */
export async function errorFromResponse(response: Response, route: string, secrets: readonly string[] = []): Promise<AiPassError> {
	const status = response.status;
	const body = describeErrorBody(await readTextSafely(response), response.statusText || `HTTP ${status}`, secrets);
	const message = `${route}: HTTP ${status}: ${body.message}`;
	const options = { status };
	if (status === 401) {
		return new AuthExpiredError(message, options);
	}
	if (status === 402 || (status >= 400 && status < 500 && body.budgetExceeded)) {
		return new BudgetExhaustedError(message, options);
	}
	if (status === 429) {
		return new RateLimitedError(message, parseRetryAfter(response.headers.get('retry-after')), options);
	}
	if (status >= 400 && status < 500 && body.invalidModel) {
		return new InvalidModelError(message, body.model, options);
	}
	if (status === 403) {
		return new ForbiddenError(message, options);
	}
	if (status === 404) {
		return new NotFoundError(message, options);
	}
	if (status >= 400 && status < 500) {
		return new BadRequestError(message, body.message, options);
	}
	if (status >= 500) {
		return new ServerError(message, options);
	}
	return new InvalidResponseError(`${route}: unexpected HTTP ${status}`, options);
}

/** Only the start of an error body is read: nothing past `ERROR_BODY_LIMIT` is ever useful. */
async function readTextSafely(response: Response): Promise<string> {
	try {
		return new TextDecoder().decode(await readPrefix(response, ERROR_BODY_LIMIT));
	} catch (e) {
		return e instanceof Error ? `(the error body could not be read: ${e.message})` : '';
	}
}
