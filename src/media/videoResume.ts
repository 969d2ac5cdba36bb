import * as vscode from 'vscode';
import { Commands } from '../platform/commands';
import { optionsFrom, tokenOption } from './mediaArgs';
import type { MediaContext } from './mediaContext';
import { MediaInputError } from './mediaRunner';
import { openFiles } from './presentFiles';
import { followVideo, type VideoResult } from './videoGenerate';
import { printableVideoId } from './videoJobs';

const command = Commands.videoResume;

/**
 * `aipass.video.resume [options]`: picks up a paid video job by id (one remembered from an interrupted
 * generation, or typed), waits for it and saves it like `aipass.video.generate`. Options: `{ videoId,
 * preview, cancellation }`. Returns `{ files, videoId }`.
 */
export function resumeVideo(ctx: MediaContext): (arg?: unknown) => Promise<VideoResult | undefined> {
	return arg => ctx.runner.command(command, async () => {
		const options = optionsFrom(arg);
		const id = await chooseJob(ctx, options.videoId);
		ctx.output.folder();
		const prompt = ctx.videoJobs.find(id)?.prompt ?? 'video';
		const title = vscode.l10n.t('Resuming video {0}', printableVideoId(id));
		const result = await ctx.runner.withProgress(title, tokenOption(options), (signal, progress) =>
			followVideo(ctx, { id, status: 'queued' }, prompt, signal, progress));
		await openFiles(result.files, options);
		return result;
	}, [arg]);
}

async function chooseJob(ctx: MediaContext, given: unknown): Promise<string> {
	if (given !== undefined) {
		if (typeof given !== 'string' || given.trim() === '') {
			throw new MediaInputError(vscode.l10n.t('videoId must be the id of a video job.'));
		}
		return given.trim();
	}
	const typeId = { label: vscode.l10n.t('Enter a video id…'), id: undefined };
	const remembered = ctx.videoJobs.list().map(job => ({
		label: printableVideoId(job.id), description: job.prompt, detail: new Date(job.createdAt).toLocaleString(), id: job.id,
	}));
	const picked = await vscode.window.showQuickPick([...remembered, typeId], { title: vscode.l10n.t('Resume Video'), ignoreFocusOut: true });
	if (picked === undefined) {
		throw new vscode.CancellationError();
	}
	if (picked.id !== undefined) {
		return picked.id;
	}
	const typed = await vscode.window.showInputBox({
		title: vscode.l10n.t('Resume Video'), placeHolder: vscode.l10n.t('The id of the video job, e.g. video_123'), ignoreFocusOut: true,
		validateInput: value => (value.trim() === '' ? vscode.l10n.t('Enter the id of a video job.') : undefined),
	});
	if (typed === undefined) {
		throw new vscode.CancellationError();
	}
	return typed.trim();
}
