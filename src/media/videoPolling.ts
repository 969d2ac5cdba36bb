import { type AiPassClient } from '../api/client';
import { AbortedError, isAiPassError, RateLimitedError } from '../api/errors';
import { type VideoJob } from '../api/types';

/** A video job that ended `failed` at AI Pass; `detail` is the service's reason, if any. */
export class VideoFailedError extends Error {
	constructor(readonly videoId: string, readonly detail: string | undefined) {
		super(`video ${videoId} failed${detail === undefined ? '' : `: ${detail}`}`);
		this.name = 'VideoFailedError';
	}
}

/**
 * Following a job that AI Pass accepted (and charged for) failed on our side: polls kept failing or
 * the download broke. The job may well finish; `videoId` resumes it (`aipass.video.resume`).
 */
export class VideoInterruptedError extends Error {
	constructor(readonly videoId: string, readonly reason: unknown) {
		super(`video ${videoId}: lost track of the job: ${reason instanceof Error ? reason.message : String(reason)}`, { cause: reason });
		this.name = 'VideoInterruptedError';
	}
}

export interface VideoPollOptions {
	/** Wait between polls. */
	intervalMs: number;
	signal: AbortSignal;
	/** Each job state seen, the first one included. */
	onUpdate?: (job: VideoJob) => void;
	/** A poll failed and will be retried after `delayMs` (`attempt` counts from 1). */
	onRetry?: (attempt: number, delayMs: number, error: unknown) => void;
	/** Failed polls in a row retried before giving up (default 6). */
	retries?: number;
	/** First retry wait, doubling (default 2 s), capped at `retryMaxMs` (default 30 s). */
	retryBaseMs?: number;
	retryMaxMs?: number;
}

const DEFAULT_RETRIES = 6;
const DEFAULT_RETRY_BASE_MS = 2_000;
const DEFAULT_RETRY_MAX_MS = 30_000;

/**
 * Polls a video job until it completes. A poll (an idempotent GET) that fails for a passing reason
 * (network, timeout, 5xx, 429) is retried with backoff; after `retries` failures in a row, or any
 * other failure, it throws `VideoInterruptedError` with the job id. Throws `VideoFailedError` when the
 * job fails at AI Pass and `AbortedError` as soon as `signal` aborts. Pure: no `vscode`.
 */
export async function waitForVideo(client: Pick<AiPassClient, 'getVideo'>, created: VideoJob, options: VideoPollOptions): Promise<VideoJob> {
	let job = created;
	options.onUpdate?.(job);
	while (job.status !== 'completed') {
		if (job.status === 'failed') {
			throw new VideoFailedError(job.id, job.error);
		}
		await delay(options.intervalMs, options.signal);
		job = await pollWithRetries(client, job.id, options);
		options.onUpdate?.(job);
	}
	return job;
}

async function pollWithRetries(client: Pick<AiPassClient, 'getVideo'>, id: string, options: VideoPollOptions): Promise<VideoJob> {
	const retries = options.retries ?? DEFAULT_RETRIES;
	const base = options.retryBaseMs ?? DEFAULT_RETRY_BASE_MS;
	const max = options.retryMaxMs ?? DEFAULT_RETRY_MAX_MS;
	for (let attempt = 1; ; attempt++) {
		try {
			return await client.getVideo(id, options.signal);
		} catch (error) {
			if (options.signal.aborted || (isAiPassError(error) && error.kind === 'aborted')) {
				throw error;
			}
			if (!isPassing(error) || attempt > retries) {
				throw new VideoInterruptedError(id, error);
			}
			const backoff = Math.min(base * 2 ** (attempt - 1), max);
			const asked = error instanceof RateLimitedError && error.retryAfterSeconds !== undefined ? error.retryAfterSeconds * 1000 : 0;
			const wait = Math.min(Math.max(backoff, asked), Math.max(max, asked));
			options.onRetry?.(attempt, wait, error);
			await delay(wait, options.signal);
		}
	}
}

/** Failures worth another try of the same GET. */
function isPassing(error: unknown): boolean {
	return isAiPassError(error) && ['network', 'timeout', 'server', 'rateLimited'].includes(error.kind);
}

/** Resolves after `ms`, or rejects with `AbortedError` as soon as `signal` aborts. */
export function delay(ms: number, signal: AbortSignal): Promise<void> {
	return new Promise((resolve, reject) => {
		if (signal.aborted) {
			reject(new AbortedError('video polling cancelled'));
			return;
		}
		const onAbort = (): void => {
			clearTimeout(timer);
			reject(new AbortedError('video polling cancelled'));
		};
		const timer = setTimeout(() => {
			signal.removeEventListener('abort', onAbort);
			resolve();
		}, ms);
		signal.addEventListener('abort', onAbort, { once: true });
	});
}
