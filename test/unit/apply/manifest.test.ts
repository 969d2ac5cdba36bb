import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

interface Manifest {
	contributes: {
		commands: { command: string; category?: string }[];
		menus: Record<string, { command: string; when?: string }[]>;
		walkthroughs: { id: string; steps: { id: string; media: { markdown?: string } }[] }[];
	};
}

const root = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;

describe('apply and the walkthrough in package.json', () => {
	it('Accept and Reject are in the diff editor title of proposals only; the commands are in the AI Pass category', () => {
		const title = manifest.contributes.menus['editor/title'].filter(m => m.command.startsWith('aipass.apply.'));
		assert.deepEqual(title.map(m => [m.command, m.when]), [
			['aipass.apply.accept', 'resourceScheme == aipass-proposal'],
			['aipass.apply.reject', 'resourceScheme == aipass-proposal'],
		]);
		for (const id of ['aipass.apply.accept', 'aipass.apply.reject', 'aipass.editSelection']) {
			assert.equal(manifest.contributes.commands.find(c => c.command === id)?.category, 'AI Pass', id);
		}
		assert.ok(manifest.contributes.menus['editor/context'].some(m => m.command === 'aipass.editSelection'));
	});

	it('the walkthrough has its five steps, each with a Markdown page that exists', () => {
		const [walkthrough] = manifest.contributes.walkthroughs;
		assert.deepEqual(walkthrough.steps.map(s => s.id), ['setUpClient', 'signIn', 'ask', 'applyChange', 'budget']);
		for (const step of walkthrough.steps) {
			assert.ok(step.media.markdown && existsSync(path.join(root, step.media.markdown)), step.id);
		}
	});
});
