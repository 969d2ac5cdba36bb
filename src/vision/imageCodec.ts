import { type CodecReply, type CodecRequest, type PrepareLimits } from './codec/codecProtocol';
import { ImageInputError } from './codec/imageErrors';
import type { PreparedImage } from './codec/prepareImage';

/** One worker running the codec (a Node worker thread, or a web worker in the browser host). */
export interface CodecWorker {
	post(request: CodecRequest): void;
	terminate(): void;
	/** Whether the worker keeps its process alive (busy: yes; idle: no, so a finished run can exit). */
	keepAlive(alive: boolean): void;
}

export interface CodecWorkerEvents {
	reply(reply: CodecReply): void;
	/** The worker died or could not start. */
	failure(error: Error): void;
}

/** The one environment-specific seam: how a worker is started (see nodeCodecWorker.ts). */
export type SpawnCodecWorker = (events: CodecWorkerEvents) => CodecWorker;

interface Job {
	id: number;
	resolve: (image: PreparedImage) => void;
	reject: (error: Error) => void;
}

/** A worker and the request it is working on, if any. */
interface Slot {
	worker: CodecWorker;
	job?: Job;
	idleTimer?: ReturnType<typeof setTimeout>;
}

/**
 * Prepares images off the extension host's thread. Each request gets a worker of its own (an idle
 * one is reused, so repeated analyses skip start-up and WebAssembly compilation); aborting a
 * request terminates its worker, so even a decoder stuck in WebAssembly stops at once. Idle workers
 * are ended after `idleMs`, giving their memory back.
 */
export class ImageCodec {
	private readonly slots = new Set<Slot>();
	private nextId = 1;
	private disposed = false;

	constructor(private readonly spawn: SpawnCodecWorker, private readonly idleMs = 30_000) {}

	/** `bytes` are handed over to the worker (moved, not copied, where possible): do not use them afterwards. */
	prepareImage(bytes: Uint8Array, limits: PrepareLimits, signal?: AbortSignal): Promise<PreparedImage> {
		if (this.disposed) {
			return Promise.reject(new Error('the image codec was disposed'));
		}
		if (signal?.aborted) {
			return Promise.reject(abortError());
		}
		return new Promise<PreparedImage>((resolve, reject) => {
			const slot = this.acquire();
			const onAbort = () => this.finish(slot, 'end', job => job.reject(abortError()));
			signal?.addEventListener('abort', onAbort, { once: true });
			const id = this.nextId++;
			slot.job = {
				id,
				resolve: image => {
					signal?.removeEventListener('abort', onAbort);
					resolve(image);
				},
				reject: error => {
					signal?.removeEventListener('abort', onAbort);
					reject(error);
				},
			};
			slot.worker.keepAlive(true);
			slot.worker.post({ id, bytes, limits });
		});
	}

	dispose(): void {
		this.disposed = true;
		for (const slot of [...this.slots]) {
			this.finish(slot, 'end', job => job.reject(new Error('the image codec was disposed')));
			this.remove(slot);
		}
	}

	private acquire(): Slot {
		for (const slot of this.slots) {
			if (slot.job === undefined) {
				clearTimeout(slot.idleTimer);
				return slot;
			}
		}
		const slot: Slot = {
			worker: this.spawn({
				reply: reply => {
					if (slot.job?.id === reply.id) {
						this.finish(slot, 'reuse', job => reply.ok ? job.resolve(reply.image) : job.reject(fromFailure(reply)));
					}
				},
				failure: error => {
					this.finish(slot, 'end', job => job.reject(new Error(`the image decoder stopped: ${error.message}`, { cause: error })));
					this.remove(slot);
				},
			}),
		};
		this.slots.add(slot);
		return slot;
	}

	/** Settles the slot's job (if any) and either keeps the worker for the next request or ends it. */
	private finish(slot: Slot, outcome: 'reuse' | 'end', settle: (job: Job) => void): void {
		const job = slot.job;
		slot.job = undefined;
		if (outcome === 'end' || this.disposed) {
			this.remove(slot);
		} else {
			slot.worker.keepAlive(false);
			const timer = setTimeout(() => this.remove(slot), this.idleMs);
			(timer as { unref?: () => void }).unref?.();
			slot.idleTimer = timer;
		}
		if (job !== undefined) {
			settle(job);
		}
	}

	private remove(slot: Slot): void {
		clearTimeout(slot.idleTimer);
		if (this.slots.delete(slot)) {
			slot.worker.terminate();
		}
	}
}

function fromFailure(reply: Extract<CodecReply, { ok: false }>): Error {
	const { name, message, problem } = reply.error;
	if (problem !== undefined) {
		return new ImageInputError(problem, message);
	}
	const error = new Error(message);
	error.name = name;
	return error;
}

function abortError(): Error {
	const error = new Error('image preparation cancelled');
	error.name = 'AbortError';
	return error;
}
