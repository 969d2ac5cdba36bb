import { type ImageProblem } from './imageErrors';
import { type PreparedImage, type PrepareOptions } from './prepareImage';

/** What the host may choose; the worker supplies the WebAssembly loader itself. */
export type PrepareLimits = Pick<PrepareOptions, 'maxBytes' | 'maxSide' | 'maxMegapixels'>;

/** Host → worker: one image to prepare. The worker runs one request at a time. */
export interface CodecRequest {
	id: number;
	bytes: Uint8Array;
	limits: PrepareLimits;
}

/** An error as it crosses the thread boundary: an ImageInputError keeps its structured problem. */
export interface CodecFailure {
	name: string;
	message: string;
	problem?: ImageProblem;
}

/** Worker → host. */
export type CodecReply =
	| { id: number; ok: true; image: PreparedImage }
	| { id: number; ok: false; error: CodecFailure };
