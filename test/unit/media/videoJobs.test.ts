import assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { printableVideoId, VideoJobs } from '../../../src/media/videoJobs';

/** globalState as VS Code keeps it: a key-value store (values round-trip through JSON). */
class MemoryMemento implements Pick<vscode.Memento, 'get' | 'update'> {
	private readonly values = new Map<string, string>();
	get<T>(key: string): T | undefined {
		const value = this.values.get(key);
		return value === undefined ? undefined : JSON.parse(value) as T;
	}
	update(key: string, value: unknown): Thenable<void> {
		this.values.set(key, JSON.stringify(value));
		return Promise.resolve();
	}
}

describe('media: interrupted video jobs are remembered', () => {
	it('remembers, lists newest first, forgets once saved', async () => {
		const jobs = new VideoJobs(new MemoryMemento() as unknown as vscode.Memento);
		await jobs.remember('video_1', 'waves');
		await jobs.remember('video_2', 'boats');
		assert.deepEqual(jobs.list().map(job => [job.id, job.prompt]), [['video_2', 'boats'], ['video_1', 'waves']]);
		assert.equal(jobs.find('video_1')?.prompt, 'waves');
		await jobs.forget('video_2');
		assert.deepEqual(jobs.list().map(job => job.id), ['video_1']);
		assert.deepEqual(jobs.list(Date.now() + 2 * 24 * 60 * 60 * 1000), [], 'a day later the service has dropped them');
	});

	it('ignores whatever else is stored under the key, and never shows a hostile id', () => {
		const state = new MemoryMemento();
		void state.update('aipass.video.pendingJobs', [{ id: 5 }, 'x', null, { id: 'video_ok', prompt: 'p', createdAt: Date.now() }]);
		assert.deepEqual(new VideoJobs(state as unknown as vscode.Memento).list().map(job => job.id), ['video_ok']);
		assert.equal(printableVideoId('video_68d7-ab.c:1'), 'video_68d7-ab.c:1');
		assert.equal(printableVideoId('[x](command:workbench.action.quit)'), '(unnamed)');
	});
});
