import { type AiPassClient } from '../api/client';
import { AbortedError } from '../api/errors';
import { type VideoJob } from '../api/types';

/** A video job that ended `failed` at AI Pass; `detail` is the service's reason, if any. */
export class VideoFailedError extends Error {
	constructor(readonly videoId: string, readonly detail: string | undefined) {
		super(`video ${videoId} failed${detail === undefined ? '' : `: ${detail}`}`);
		this.name = 'VideoFailedError';
	}
}

export interface VideoPollOptions {
	/** Wait between polls. */
	intervalMs: number;
	signal: AbortSignal;
	/** Each job state seen, the first one included. */
	onUpdate?: (job: VideoJob) => void;
}

/**
 * Polls a video job until it completes. Throws `VideoFailedError` when it fails and `AbortedError`
 * as soon as `signal` aborts (an in-flight poll is aborted too). Pure: no `vscode`.
 */
export async function waitForVideo(client: Pick<AiPassClient, 'getVideo'>, created: VideoJob, options: VideoPollOptions): Promise<VideoJob> {
	let job = created;
	options.onUpdate?.(job);
	while (job.status !== 'completed') {
		if (job.status === 'failed') {
			throw new VideoFailedError(job.id, job.error);
		}
		await delay(options.intervalMs, options.signal);
		job = await client.getVideo(job.id, options.signal);
		options.onUpdate?.(job);
	}
	return job;
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
