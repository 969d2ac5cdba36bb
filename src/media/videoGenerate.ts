import * as vscode from 'vscode';
import { isAiPassError } from '../api/errors';
import type { BinaryData, VideoJob } from '../api/types';
import { Commands } from '../platform/commands';
import { fileTimestamp, mediaFileName, slugify } from './fileNames';
import { type MediaFiles, type MediaOptions, optionsFrom, tokenOption } from './mediaArgs';
import type { MediaContext, VideoPollTiming } from './mediaContext';
import { isVideoSeconds, VIDEO_SECONDS } from '../api/mediaFormats';
import type { ProgressReporter } from '../platform/operationRunner';
import { confirmCost, MediaInputError } from './mediaRunner';
import { openFiles } from './presentFiles';
import { VideoFailedError, VideoInterruptedError, waitForVideo } from './videoPolling';
import { notificationText } from '../platform/notificationText';

const command = Commands.videoGenerate;
/** How often a job is polled, and the first wait before a failed poll is retried. */
export const videoPollTiming: VideoPollTiming = { intervalMs: 2000, retryBaseMs: 2000 };

export interface VideoResult extends MediaFiles {
	readonly videoId: string;
}

/**
 * `aipass.video.generate [options]`: prompt, model (`video_generation`) and seconds → create the job,
 * poll it under a cancellable progress, download the video into the output folder, then offer
 * "Remix…". With `remixOf: videoId` it remixes that video instead. Options: `{ prompt, model, seconds,
 * size, remixOf, preview, offerRemix, cancellation }`. Cancelling
 * writes nothing; the job stays resumable (`aipass.video.resume`).
 */
export function generateVideo(ctx: MediaContext): (arg?: unknown) => Promise<VideoResult | undefined> {
	return arg => ctx.runner.command(command, async () => {
		const options = optionsFrom(arg);
		const remixOf = videoId(options.remixOf);
		await ctx.output.folder();
		const prompt = await ctx.input.text(options.prompt, {
			title: remixOf === undefined ? vscode.l10n.t('Generate Video') : vscode.l10n.t('Remix Video'),
			placeHolder: remixOf === undefined ? vscode.l10n.t('Describe the video, e.g. "waves rolling onto a beach at dusk"') : vscode.l10n.t('Describe the change'),
			emptyMessage: vscode.l10n.t('Enter a prompt that describes the video.'),
		});
		const size = options.size;
		if (size !== undefined && (typeof size !== 'string' || !/^\d{2,5}x\d{2,5}$/.test(size))) {
			throw new MediaInputError(vscode.l10n.t('"{0}" is not a video size such as 1280x720.', String(size)));
		}
		const job = remixOf === undefined ? await newVideo(ctx, options, prompt, size) : remix(ctx, remixOf, prompt);
		const result = await ctx.runner.withProgress(job.title, tokenOption(options), async (signal, progress) => {
			const created = await job.start(signal);
			ctx.log.info(`${command}: job ${created.id} ${created.status}`);
			return followVideo(ctx, created, prompt, signal, progress);
		});
		await openFiles(result.files, options);
		if (options.offerRemix !== false) {
			offerRemix(result);
		}
		return result;
	}, [arg]);
}

/**
 * Follows a job AI Pass accepted until its video is saved: remembered until then (resumable by id),
 * polls retried through passing failures, and a job lost on our side ends in `VideoInterruptedError`.
 */
export async function followVideo(
	ctx: MediaContext, created: VideoJob, prompt: string, signal: AbortSignal, progress: ProgressReporter,
): Promise<VideoResult> {
	const client = ctx.services.client;
	await ctx.videoJobs.remember(created.id, prompt);
	const timing = ctx.videoPollTiming();
	let done: VideoJob;
	try {
		done = await waitForVideo(client, created, {
			intervalMs: timing.intervalMs,
			retryBaseMs: timing.retryBaseMs,
			signal,
			onUpdate: job => progress.report({ message: notificationText(describe(job)) }),
			onRetry: (_attempt, ms, error) => {
				ctx.log.warn(`${command}: poll of ${created.id} failed, retrying in ${ms} ms: ${error instanceof Error ? error.message : String(error)}`);
				progress.report({ message: notificationText(vscode.l10n.t('No answer from AI Pass; checking again in {0} s…', Math.ceil(ms / 1000))) });
			},
		});
	} catch (error) {
		if (error instanceof VideoFailedError) {
			await ctx.videoJobs.forget(created.id);
		}
		throw error;
	}
	progress.report({ message: vscode.l10n.t('Downloading…') });
	let video: BinaryData;
	try {
		video = await client.downloadVideo(done.id, signal);
	} catch (error) {
		throw signal.aborted || (isAiPassError(error) && error.kind === 'aborted') ? error : new VideoInterruptedError(done.id, error);
	}
	if (video.data.byteLength === 0) {
		throw new MediaInputError(vscode.l10n.t('AI Pass returned an empty video. Try again.'));
	}
	signal.throwIfAborted();
	const name = mediaFileName(slugify(prompt, 'video'), fileTimestamp(new Date()), video.mime === 'video/webm' ? 'webm' : 'mp4');
	const files = await ctx.output.save([{ name, data: video.data }]);
	await ctx.videoJobs.forget(done.id);
	return { files, videoId: done.id };
}

/** How a job starts, and the progress title that says so. */
interface VideoStart {
	readonly title: string;
	start(signal: AbortSignal): Promise<VideoJob>;
}

async function newVideo(ctx: MediaContext, options: MediaOptions, prompt: string, size: string | undefined): Promise<VideoStart> {
	const model = await ctx.models.choose({ command, method: 'video_generation', requested: options.model, purpose: vscode.l10n.t('video generation') });
	const seconds = await ctx.input.pick(command, 'seconds', options.seconds, {
		title: vscode.l10n.t('Video length'),
		items: VIDEO_SECONDS.map(value => ({ label: vscode.l10n.t('{0} seconds', value), value })),
		isValid: isVideoSeconds,
		invalidMessage: value => vscode.l10n.t('The video length must be a whole number of seconds (1-60), not {0}.', String(value)),
	});
	await confirmCost(ctx.guard, { feature: 'video', model: model.id, used: { units: seconds }, action: vscode.l10n.t('Generate a {0}-second video with {1}', seconds, model.id) });
	const request = { model: model.id, prompt, seconds: String(seconds), ...(size === undefined ? {} : { size }) };
	return {
		title: vscode.l10n.t('Generating video with {0}', model.id),
		start: signal => ctx.services.client.createVideo(request, signal),
	};
}

function remix(ctx: MediaContext, videoId: string, prompt: string): VideoStart {
	return { title: vscode.l10n.t('Remixing video'), start: signal => ctx.services.client.remixVideo(videoId, prompt, signal) };
}

function videoId(value: unknown): string | undefined {
	if (value === undefined || (typeof value === 'string' && value !== '')) {
		return value;
	}
	throw new MediaInputError(vscode.l10n.t('remixOf must be the id of a video.'));
}

function describe(job: VideoJob): string {
	if (job.status === 'queued') {
		return vscode.l10n.t('Queued…');
	}
	return job.progress === undefined ? vscode.l10n.t('Rendering…') : vscode.l10n.t('Rendering… {0}%', Math.round(job.progress));
}

function offerRemix(result: VideoResult): void {
	const remix = vscode.l10n.t('Remix…');
	const saved = vscode.workspace.asRelativePath(result.files[0], false);
	void vscode.window.showInformationMessage(notificationText(vscode.l10n.t('Saved the video as {0}.', saved)), remix).then(choice => {
		if (choice === remix) {
			void vscode.commands.executeCommand(command, { remixOf: result.videoId });
		}
	});
}
