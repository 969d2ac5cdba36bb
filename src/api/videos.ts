import { InvalidResponseError } from './errors';
import { isRecord, optionalNumber, optionalString } from './json';
import { type VideoJob, type VideoStatus } from './types';

/** How the server describes video jobs (aipass-api.md §8.9): OpenAI `VideoObject`, or `{videoId}` + `/status`. */
export type VideoShape = 'videoObject' | 'videoId';

const STATUS_ALIASES: Record<string, VideoStatus> = {
	queued: 'queued', pending: 'queued', submitted: 'queued',
	in_progress: 'in_progress', processing: 'in_progress', running: 'in_progress',
	completed: 'completed', succeeded: 'completed', success: 'completed', done: 'completed',
	failed: 'failed', error: 'failed', cancelled: 'failed', canceled: 'failed', expired: 'failed',
};

/**
 * Reads either shape into one `VideoJob`. A bare `{videoId}` (the create answer of the second
 * shape) is a queued job. `knownId` fills in the id when a status answer omits it.
 */
export function parseVideoJob(json: unknown, route: string, knownId?: string): { job: VideoJob; shape: VideoShape } {
	if (!isRecord(json)) {
		throw new InvalidResponseError(`${route}: the video answer is not an object`);
	}
	const videoId = optionalString(json.videoId) ?? optionalString(json.video_id);
	const id = optionalString(json.id) ?? videoId ?? knownId;
	if (id === undefined || id === '') {
		throw new InvalidResponseError(`${route}: the video answer has no id`);
	}
	const rawStatus = optionalString(json.status);
	const status = rawStatus === undefined ? (videoId !== undefined ? 'queued' : undefined) : STATUS_ALIASES[rawStatus.toLowerCase()];
	if (status === undefined) {
		throw new InvalidResponseError(`${route}: unknown video status ${JSON.stringify(rawStatus)}`);
	}
	const job: VideoJob = { id, status };
	const progress = optionalNumber(json.progress);
	const error = describeVideoError(json.error);
	const downloadUrl = optionalString(json.downloadUrl) ?? optionalString(json.download_url);
	if (progress !== undefined) {
		job.progress = progress;
	}
	if (error !== undefined) {
		job.error = error;
	}
	if (downloadUrl !== undefined) {
		job.downloadUrl = downloadUrl;
	}
	const shape: VideoShape = json.object === 'video' || (videoId === undefined && optionalString(json.id) !== undefined) ? 'videoObject' : 'videoId';
	return { job, shape };
}

function describeVideoError(error: unknown): string | undefined {
	if (typeof error === 'string') {
		return error === '' ? undefined : error;
	}
	return isRecord(error) ? optionalString(error.message) ?? optionalString(error.code) : undefined;
}
