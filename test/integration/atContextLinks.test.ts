import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { ContextPicker } from '../../src/chat/contextPicker';
import type { Logger } from '../../src/platform/log';
import { workspaceRoot } from './mediaHelpers';

const quiet: Logger = { trace: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, child: () => quiet };

/** A link committed in a repository can lead anywhere: `@` never follows one (Node pass: it needs node:fs for the link). */
describe('@ context: a link in the workspace to a file outside it (real disk, real host)', function () {
	this.timeout(60_000);

	it('is refused, and the file behind it is not read', async () => {
		const outside = mkdtempSync(path.join(os.tmpdir(), 'aipass-atctx-'));
		const folder = path.join(workspaceRoot().fsPath, 'atctx-links');
		const picker = new ContextPicker({ editors: { current: undefined }, log: quiet });
		try {
			writeFileSync(path.join(outside, 'secret.txt'), 'outside\n');
			mkdirSync(folder, { recursive: true });
			symlinkSync(path.join(outside, 'secret.txt'), path.join(folder, 'linked.txt'));
			const linked = await picker.readFile(vscode.Uri.file(path.join(folder, 'linked.txt')));
			assert.ok('refused' in linked, 'not attached');
			assert.equal(linked.refused, 'Not attached: atctx-links/linked.txt is a link, which may lead outside the workspace.');
		} finally {
			picker.dispose();
			rmSync(folder, { recursive: true, force: true });
			rmSync(outside, { recursive: true, force: true });
		}
	});
});
