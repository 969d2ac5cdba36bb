import { chargeFor, COSTS, debit } from './budget';
import {
	type Ctx, type ResourceCall, jsonObject, nowSeconds, randomId, send, sendInvalidRequest, sendJson, sendLiteLlmError, sendNotFound,
} from './http';
import { storeMedia } from './media';
import { pseudoMp4 } from './mediaBytes';
import { resolveModel } from './models';
import { type VideoRecord } from './state';

/**
 * Videos (spec §8.9) in both shapes: the OpenAI `VideoObject` (`/videos/{id}`, `/content`) and,
 * with `videoShape: 'videoId'`, `{videoId}` + `/videos/{id}/status` with a `downloadUrl`.
 * Each poll advances a job: queued → in_progress → completed (or failed, with the `videoFails` fault).
 */
export function handleCreateVideo(ctx: Ctx, call: ResourceCall): void {
	const body = jsonObject(ctx);
	if (!body) {
		sendInvalidRequest(ctx, 'The request body must be a JSON object.');
		return;
	}
	const model = resolveModel(ctx, body.model, call.route, 'video_generation');
	if (!model) {
		return;
	}
	const input = parseCreate(body, model.id);
	if (typeof input === 'string') {
		sendInvalidRequest(ctx, input);
		return;
	}
	createJob(ctx, call, input);
}

function parseCreate(body: Record<string, unknown>, model: string): JobInput | string {
	const { prompt, seconds = '4', size = '720x1280' } = body;
	if (typeof prompt !== 'string' || prompt.trim() === '') {
		return 'prompt is required.';
	}
	if ((typeof seconds !== 'string' && typeof seconds !== 'number') || !/^[1-9]\d?$/.test(String(seconds))) {
		return 'seconds must be a whole number of seconds (1-99).';
	}
	if (typeof size !== 'string' || !/^\d{2,5}x\d{2,5}$/.test(size)) {
		return 'size must look like 720x1280.';
	}
	return { model, prompt, seconds: String(seconds), size, remixedFrom: null };
}

/** POST /videos/{id}/remix `{prompt}`: a new job from a completed video. */
export function handleRemixVideo(ctx: Ctx, call: ResourceCall): void {
	const source = findVideo(ctx, call);
	if (!source) {
		return;
	}
	const prompt = jsonObject(ctx)?.prompt;
	if (typeof prompt !== 'string' || prompt.trim() === '') {
		sendInvalidRequest(ctx, 'prompt is required.');
		return;
	}
	if (source.status !== 'completed') {
		notReady(ctx, source);
		return;
	}
	createJob(ctx, call, { model: source.model, prompt, seconds: source.seconds, size: source.size, remixedFrom: source.id });
}

/** The `failVideoPoll` fault: this poll fails (a 5xx or a dropped socket) and the job does not advance. */
function failedPoll(ctx: Ctx): boolean {
	const fault = ctx.state.faults.take(['failVideoPoll']);
	if (fault === undefined) {
		return false;
	}
	if (fault.status === 'drop') {
		ctx.res.socket?.destroy();
	} else {
		const status = fault.status ?? 503;
		sendLiteLlmError(ctx, status, 'Video status is temporarily unavailable.', 'server_error');
	}
	return true;
}

/** GET /videos/{id}: one poll. */
export function handleGetVideo(ctx: Ctx, call: ResourceCall): void {
	if (failedPoll(ctx)) {
		return;
	}
	const video = findVideo(ctx, call);
	if (video) {
		advance(ctx, video);
		sendJson(ctx, 200, videoObject(video));
	}
}

/** GET /videos/{id}/status (`videoShape: 'videoId'` only): one poll. */
export function handleVideoStatus(ctx: Ctx, call: ResourceCall): void {
	if (failedPoll(ctx)) {
		return;
	}
	const video = findVideo(ctx, call);
	if (video) {
		advance(ctx, video);
		sendJson(ctx, 200, {
			status: video.status,
			progress: video.progress,
			downloadUrl: video.downloadUrl,
			...(video.status === 'failed' ? { error: failure(video) } : {}),
		});
	}
}

/** GET /videos/{id}/content: the bytes once completed, else 409. */
export function handleVideoContent(ctx: Ctx, call: ResourceCall): void {
	const video = findVideo(ctx, call);
	if (!video) {
		return;
	}
	if (video.status !== 'completed') {
		notReady(ctx, video);
		return;
	}
	const bytes = pseudoMp4(`${video.id}\n${video.prompt}`);
	send(ctx, 200, { 'Content-Type': 'video/mp4', 'Content-Length': bytes.length }, bytes);
}

type JobInput = Pick<VideoRecord, 'model' | 'prompt' | 'seconds' | 'size' | 'remixedFrom'>;

function createJob(ctx: Ctx, call: ResourceCall, input: JobInput): void {
	debit(ctx.state, call.token.sub, chargeFor(ctx.state, input.model, { units: Number(input.seconds) || 0 }, COSTS.video));
	const video: VideoRecord = {
		...input,
		id: `video_${randomId(16)}`,
		sub: call.token.sub,
		createdAt: nowSeconds(),
		polls: 0,
		status: 'queued',
		progress: 0,
		completedAt: null,
		willFail: ctx.state.faults.take(['videoFails']) !== undefined,
		downloadUrl: null,
	};
	ctx.state.videos.set(video.id, video);
	sendJson(ctx, 200, ctx.state.config.videoShape === 'videoId' ? { videoId: video.id } : videoObject(video));
}

function advance(ctx: Ctx, video: VideoRecord): void {
	if (video.status === 'completed' || video.status === 'failed') {
		return;
	}
	video.polls++;
	const total = Math.max(1, ctx.state.config.videoPollsToComplete);
	if (video.polls < total) {
		video.status = 'in_progress';
		video.progress = Math.round((100 * video.polls) / total);
		return;
	}
	video.completedAt = nowSeconds();
	if (video.willFail) {
		video.status = 'failed';
		return;
	}
	video.status = 'completed';
	video.progress = 100;
	video.downloadUrl = storeMedia(ctx, 'mp4', 'video/mp4', pseudoMp4(`${video.id}\n${video.prompt}`));
}

function videoObject(video: VideoRecord): unknown {
	return {
		id: video.id,
		object: 'video',
		status: video.status,
		progress: video.progress,
		created_at: video.createdAt,
		completed_at: video.completedAt,
		expires_at: null,
		model: video.model,
		seconds: video.seconds,
		size: video.size,
		remixed_from_video_id: video.remixedFrom,
		error: video.status === 'failed' ? failure(video) : null,
	};
}

function failure(video: VideoRecord): { code: string; message: string } {
	return { code: 'video_generation_failed', message: `Video generation failed for ${video.id}.` };
}

/** The caller's own video named in the path, or a 404. */
function findVideo(ctx: Ctx, call: ResourceCall): VideoRecord | undefined {
	const video = ctx.state.videos.get(call.params[0] ?? '');
	if (!video || video.sub !== call.token.sub) {
		sendNotFound(ctx, 'Video not found');
		return undefined;
	}
	return video;
}

function notReady(ctx: Ctx, video: VideoRecord): void {
	sendLiteLlmError(ctx, 409, `Video ${video.id} is not ready (status: ${video.status}).`, 'invalid_request_error');
}
