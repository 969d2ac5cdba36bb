import * as vscode from 'vscode';
import { Commands } from '../platform/commands';
import type { SpendCheck } from '../platform/spendingPorts';
import type { Services } from '../services';
import { AudioPlayer } from './audioPlayer';
import { embedSelection } from './embedSelection';
import { editImage } from './imageEdit';
import { generateImage } from './imageGenerate';
import type { MediaContext } from './mediaContext';
import { MediaInput } from './mediaInput';
import { MediaOutput } from './mediaOutput';
import { type MediaFailure, MediaRunner } from './mediaRunner';
import { ModelChoice } from './modelChoice';
import { readAloud } from './readAloud';
import { transcribeAudio } from './transcribe';
import { generateVideo } from './videoGenerate';
import { VideoJobs } from './videoJobs';
import { resumeVideo } from './videoResume';

/** The media commands as other parts (and the tests) see them. */
export interface MediaFeature {
	/** Fires when a media command fails or is cancelled, with what the user was shown. */
	readonly onDidFail: vscode.Event<MediaFailure>;
	/** Cancels every media operation in progress (as their Cancel buttons would). */
	cancelAll(): void;
	readonly player: AudioPlayer;
}

/** Registers image generation and editing, read aloud, transcription, embeddings and video generation. */
export function registerMedia(services: Services, guard: SpendCheck = { confirm: () => Promise.resolve(true) }): MediaFeature {
	const log = services.log.child('media');
	const runner = new MediaRunner(() => services.config.dashboardUrl, log);
	const input = new MediaInput(services.context.globalState);
	const player = new AudioPlayer();
	const ctx: MediaContext = {
		services, log, runner, input, player, guard,
		models: new ModelChoice(services.catalog, input),
		output: new MediaOutput(services.config, log),
		videoJobs: new VideoJobs(services.context.globalState),
		testMode: services.context.extensionMode === vscode.ExtensionMode.Test,
	};
	services.context.subscriptions.push(
		runner,
		player,
		vscode.commands.registerCommand(Commands.imageGenerate, generateImage(ctx)),
		vscode.commands.registerCommand(Commands.imageEdit, editImage(ctx)),
		vscode.commands.registerCommand(Commands.speechReadAloud, readAloud(ctx)),
		vscode.commands.registerCommand(Commands.audioTranscribe, transcribeAudio(ctx)),
		vscode.commands.registerCommand(Commands.embeddingsEmbedSelection, embedSelection(ctx)),
		vscode.commands.registerCommand(Commands.videoGenerate, generateVideo(ctx)),
		vscode.commands.registerCommand(Commands.videoResume, resumeVideo(ctx)),
	);
	return { onDidFail: runner.onDidFail, cancelAll: () => runner.cancelAll(), player };
}
