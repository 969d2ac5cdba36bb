import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface MenuItem { command: string; when?: string }
interface Manifest {
	contributes: { commands: { command: string; category?: string; title: string }[]; menus: Record<string, MenuItem[]> };
}

const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as Manifest;

describe('aipass.analyzeImage in package.json', () => {
	it('is a palette command in the AI Pass category with a localised title', () => {
		const command = manifest.contributes.commands.find(c => c.command === 'aipass.analyzeImage');
		assert.deepEqual([command?.category, command?.title], ['AI Pass', '%command.analyzeImage%']);
		const nls = JSON.parse(readFileSync(path.resolve(__dirname, '../../../package.nls.json'), 'utf8')) as Record<string, string>;
		assert.equal(nls['command.analyzeImage'], 'Analyze Image…');
	});

	for (const menu of ['explorer/context', 'editor/title/context']) {
		it(`shows in ${menu} for PNG, JPEG, GIF and WebP files only`, () => {
			const item = manifest.contributes.menus[menu]?.find(entry => entry.command === 'aipass.analyzeImage');
			assert.ok(item?.when, `no ${menu} entry`);
			const source = /resourceExtname =~ \/(.+)\/(\w*)/.exec(item.when)!;
			const pattern = new RegExp(source[1], source[2]);
			for (const ext of ['.png', '.PNG', '.jpg', '.jpeg', '.JPG', '.gif', '.webp']) {
				assert.ok(pattern.test(ext), ext);
			}
			for (const ext of ['.svg', '.heic', '.pdf', '.png.txt', '.bmp', '']) {
				assert.ok(!pattern.test(ext), ext);
			}
			if (menu === 'explorer/context') {
				assert.match(item.when, /!explorerResourceIsFolder/);
			}
		});
	}
});
