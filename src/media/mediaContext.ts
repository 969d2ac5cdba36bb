import type { SpendCheck } from '../platform/spendingPorts';
import type { Logger } from '../platform/log';
import type { AiPassClient } from '../api/client';
import type { Config } from '../platform/config';
import type { AudioPlayer } from './audioPlayer';
import type { MediaInput } from './mediaInput';
import type { MediaOutput } from './mediaOutput';
import type { MediaRunner } from './mediaRunner';
import type { ModelChoice } from './modelChoice';
import type { VideoJobs } from './videoJobs';

/** What every media command is built from (created once by `registerMedia`). */
/** How often a video job is polled, and the first wait before a failed poll is retried. */
export interface VideoPollTiming {
	readonly intervalMs: number;
	readonly retryBaseMs: number;
}

export interface MediaContext {
	readonly services: { readonly client: AiPassClient; readonly config: Config };
	readonly log: Logger;
	readonly runner: MediaRunner;
	readonly input: MediaInput;
	readonly models: ModelChoice;
	readonly output: MediaOutput;
	readonly player: AudioPlayer;
	/** Asks before an expensive request (nothing is sent on No). */
	readonly guard: SpendCheck;
	/** Paid video jobs not saved yet (resumable). */
	readonly videoJobs: VideoJobs;
	/** Read at each video job (2 s and 2 s). */
	readonly videoPollTiming: () => VideoPollTiming;
}
