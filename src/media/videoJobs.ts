import type * as vscode from 'vscode';

/** A video job AI Pass accepted and that was not saved yet (it can be resumed by id). */
export interface PendingVideo {
	readonly id: string;
	readonly prompt: string;
	/** Epoch ms when it was created. */
	readonly createdAt: number;
}

const KEY = 'aipass.video.pendingJobs';
const KEEP = 20;
/** Jobs older than this are gone at the service (OpenAI keeps videos about a day). */
const MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** The paid video jobs not yet saved, remembered across windows and restarts (globalState). */
export class VideoJobs {
	constructor(private readonly state: vscode.Memento) {}

	list(now = Date.now()): PendingVideo[] {
		const stored = this.state.get<unknown>(KEY);
		return (Array.isArray(stored) ? stored : []).filter(isPendingVideo).filter(job => now - job.createdAt < MAX_AGE_MS);
	}

	find(id: string): PendingVideo | undefined {
		return this.list().find(job => job.id === id);
	}

	async remember(id: string, prompt: string): Promise<void> {
		const others = this.list().filter(job => job.id !== id);
		await this.state.update(KEY, [{ id, prompt: prompt.slice(0, 200), createdAt: Date.now() }, ...others].slice(0, KEEP));
	}

	async forget(id: string): Promise<void> {
		await this.state.update(KEY, this.list().filter(job => job.id !== id));
	}
}

function isPendingVideo(value: unknown): value is PendingVideo {
	if (typeof value !== 'object' || value === null) {
		return false;
	}
	const job = value as Record<string, unknown>;
	return typeof job.id === 'string' && job.id !== '' && typeof job.prompt === 'string' && typeof job.createdAt === 'number';
}

/** An id as text for a message: ids come from the server, so anything but a plain token is not shown. */
export function printableVideoId(id: string): string {
	return /^[\w.:-]{1,128}$/.test(id) ? id : '(unnamed)';
}
