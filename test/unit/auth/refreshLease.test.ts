import assert from 'node:assert/strict';
import { RefreshLease } from '../../../src/auth/refreshLease';
import type { Logger } from '../../../src/platform/log';

const quietLog: Logger = { trace() {}, info() {}, warn() {}, error() {}, child() { return quietLog; } };

/** A key-value store with SecretStorage's three calls (SecretStorage itself needs VS Code). */
class MemorySecrets {
	readonly values = new Map<string, string>();
	get(key: string): Promise<string | undefined> { return Promise.resolve(this.values.get(key)); }
	store(key: string, value: string): Promise<void> { this.values.set(key, value); return Promise.resolve(); }
	delete(key: string): Promise<void> { this.values.delete(key); return Promise.resolve(); }
}

describe('auth: refresh lease across windows', () => {
	it('one window at a time: the other learns until when, and gets it after release', async () => {
		const secrets = new MemorySecrets();
		let now = 1_000;
		const a = new RefreshLease(secrets, quietLog, () => now);
		const b = new RefreshLease(secrets, quietLog, () => now);
		assert.deepEqual(await a.acquire('s1', 5_000), { acquired: true });
		assert.deepEqual(await b.acquire('s1', 5_000), { acquired: false, until: 6_000 });
		assert.equal(await b.heldElsewhere('s1'), 6_000);
		assert.equal(await a.heldElsewhere('s1'), undefined, 'a window does not wait for itself');
		assert.deepEqual(await b.acquire('s2', 5_000), { acquired: true }, 'leases are per session');
		await b.release('s1');
		assert.equal(await b.heldElsewhere('s1'), 6_000, 'releasing a lease one does not hold changes nothing');
		await a.release('s1');
		assert.deepEqual(await b.acquire('s1', 5_000), { acquired: true });
		now = 20_000;
		assert.deepEqual(await a.acquire('s1', 5_000), { acquired: true }, 'an expired lease (a closed window) is taken over');
	});

	it('of two windows writing at the same moment, the last writer holds it and both agree', async () => {
		const secrets = new MemorySecrets();
		const a = new RefreshLease(secrets, quietLog);
		const b = new RefreshLease(secrets, quietLog);
		const [first, second] = await Promise.all([a.acquire('s', 5_000), b.acquire('s', 5_000)]);
		assert.equal([first, second].filter(answer => answer.acquired).length, 1);
	});

	it('a keychain that fails does not block refreshing', async () => {
		const broken = { get: () => Promise.reject(new Error('locked')), store: () => Promise.reject(new Error('locked')), delete: () => Promise.reject(new Error('locked')) };
		const lease = new RefreshLease(broken, quietLog);
		assert.deepEqual(await lease.acquire('s', 5_000), { acquired: true });
		await lease.release('s');
		assert.equal(await lease.heldElsewhere('s'), undefined);
	});
});
