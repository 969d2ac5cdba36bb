import type * as vscode from 'vscode';
import type { AiPassClient } from '../api/client';
import type { ModelCatalog } from '../api/modelCatalog';
import type { CommandHandlers } from '../platform/commandHandlers';
import { Commands } from '../platform/commands';
import type { Config } from '../platform/config';
import type { Logger } from '../platform/log';
import type { Subscriptions } from '../platform/subscriptions';
import type { SpendCheck } from '../platform/spendingPorts';
import { AudioPlayer } from './audioPlayer';
import { embedSelection } from './embedSelection';
import { editImage } from './imageEdit';
import { generateImage } from './imageGenerate';
import type { MediaContext, VideoPollTiming } from './mediaContext';
import { MediaInput } from './mediaInput';
import { MediaOutput } from './mediaOutput';
import { type MediaFailure, MediaRunner } from './mediaRunner';
import { ModelChoice } from './modelChoice';
import { readAloud } from './readAloud';
import { transcribeAudio } from './transcribe';
import { generateVideo, videoPollTiming } from './videoGenerate';
import { VideoJobs } from './videoJobs';
import { resumeVideo } from './videoResume';

/** The media commands as other parts (and the tests) see them. */
export interface MediaFeature {
	/** Fires when a media command fails or is cancelled, with what the user was shown. */
	readonly onDidFail: vscode.Event<MediaFailure>;
	/** Cancels every media operation in progress (as their Cancel buttons would). */
	cancelAll(): void;
	readonly player: AudioPlayer;
	readonly commands: CommandHandlers<(typeof mediaCommandIds)[number]>;
}

export const mediaCommandIds = [
	Commands.imageGenerate, Commands.imageEdit, Commands.speechReadAloud, Commands.audioTranscribe,
	Commands.embeddingsEmbedSelection, Commands.videoGenerate, Commands.videoResume,
] as const;

/** What the media commands use. */
export interface MediaDeps {
	readonly client: AiPassClient;
	readonly catalog: ModelCatalog;
	readonly config: Config;
	readonly log: Logger;
	readonly globalState: vscode.Memento;
	readonly subscriptions: Subscriptions;
	/** How video jobs are polled (`videoPollTiming` unless told otherwise). */
	readonly videoPollTiming?: () => VideoPollTiming;
}

/** Image generation and editing, read aloud, transcription, embeddings and video generation. */
export function createMedia(deps: MediaDeps, guard: SpendCheck = { confirm: () => Promise.resolve(true) }): MediaFeature {
	const log = deps.log.child('media');
	const runner = new MediaRunner(() => deps.config.dashboardUrl, log);
	const input = new MediaInput(deps.globalState);
	const player = new AudioPlayer();
	const ctx: MediaContext = {
		services: deps, log, runner, input, player, guard,
		models: new ModelChoice(deps.catalog, input),
		output: new MediaOutput(deps.config, log),
		videoJobs: new VideoJobs(deps.globalState),
		videoPollTiming: deps.videoPollTiming ?? (() => videoPollTiming),
	};
	deps.subscriptions.push(runner, player);
	const commands = {
		[Commands.imageGenerate]: generateImage(ctx),
		[Commands.imageEdit]: editImage(ctx),
		[Commands.speechReadAloud]: readAloud(ctx),
		[Commands.audioTranscribe]: transcribeAudio(ctx),
		[Commands.embeddingsEmbedSelection]: embedSelection(ctx),
		[Commands.videoGenerate]: generateVideo(ctx),
		[Commands.videoResume]: resumeVideo(ctx),
	};
	return { onDidFail: runner.onDidFail, cancelAll: () => runner.cancelAll(), player, commands };
}
