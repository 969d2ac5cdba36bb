import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface Manifest {
	capabilities: { untrustedWorkspaces: { supported: boolean | 'limited'; restrictedConfigurations?: string[] } };
	contributes: { configuration: { properties: Record<string, { scope?: string }> } };
}

const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as Manifest;

/** Settings a cloned repository may set without changing what is sent, what it costs or where files go. */
const harmlessInWorkspace = new Set(['aipass.budget.pollIntervalMinutes', 'aipass.budget.warnBelow']);

describe('manifest: Restricted Mode', () => {
	it('declares limited support', () => {
		assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
	});

	it('every setting a workspace could use against the user is application-scoped or restricted', () => {
		const restricted = new Set(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations ?? []);
		const open = Object.entries(manifest.contributes.configuration.properties)
			.filter(([key, schema]) => schema.scope !== 'application' && schema.scope !== 'machine' && !restricted.has(key) && !harmlessInWorkspace.has(key))
			.map(([key]) => key);
		assert.deepEqual(open, [], 'add new settings to restrictedConfigurations (or to the harmless list here, with a reason)');
		for (const key of ['aipass.chat.systemPrompt', 'aipass.chat.model', 'aipass.vision.model', 'aipass.media.outputFolder', 'aipass.speech.voice', 'aipass.speech.format']) {
			assert.ok(restricted.has(key), key);
		}
	});
});
