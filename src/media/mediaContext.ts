import type { SpendCheck } from '../platform/spendingPorts';
import type { Logger } from '../platform/log';
import type { Services } from '../services';
import type { AudioPlayer } from './audioPlayer';
import type { MediaInput } from './mediaInput';
import type { MediaOutput } from './mediaOutput';
import type { MediaRunner } from './mediaRunner';
import type { ModelChoice } from './modelChoice';
import type { VideoJobs } from './videoJobs';

/** What every media command is built from (created once by `registerMedia`). */
export interface MediaContext {
	readonly services: Services;
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
	/** True when VS Code runs the extension's tests (allows e.g. short video poll intervals). */
	readonly testMode: boolean;
}
