import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../host/hostPaths';
import { openWorkbench, type Workbench } from '../host/workbench';

const vsix = path.join(projectRoot, 'out', 'e2e', 'aipass-vscode.vsix');

describe('e2e: the packaged .vsix installed into a real VS Code', function () {
	this.timeout(300_000);
	let workbench: Workbench;

	before(async () => {
		mkdirSync(path.dirname(vsix), { recursive: true });
		rmSync(vsix, { force: true });
		// The same command as `npm run package` (production build via vscode:prepublish).
		execFileSync('npx', ['vsce', 'package', '--no-dependencies', '--no-rewrite-relative-links', '--out', vsix], { cwd: projectRoot, stdio: 'pipe' });
		assert.ok(existsSync(vsix));
		workbench = await openWorkbench({ vsix });
	});

	after(async () => {
		await workbench?.close();
		// Leave the development build behind for the other tiers, not the production one vsce made.
		execFileSync(process.execPath, ['esbuild.mjs'], { cwd: projectRoot, stdio: 'pipe' });
	});

	it('installs as aipass.aipass-vscode, signs in, and chats with everything it needs inside the package', async () => {
		const { page, emulator, server } = workbench;
		assert.ok(readdirSync(server.extensionsDir).some(name => name.startsWith('aipass.aipass-vscode-')), 'installed from the .vsix');
		await emulator.admin.setConfig({ autoApprove: 'allow' });
		await workbench.runCommand('AI Pass: Sign In');
		await workbench.waitForAccount('ada@example.com (AI Pass)');
		await page.keyboard.press('Escape');
		await workbench.runCommand('AI Pass: Open Chat');
		const chat = page.frameLocator('iframe.webview').frameLocator('iframe');
		const input = chat.locator('textarea').first();
		await input.waitFor({ timeout: 60_000 });
		await input.fill('Hello from the packaged extension');
		await input.press('Enter');
		await chat.getByText('Echo: Hello from the packaged extension').waitFor({ timeout: 60_000 });
		// The webview's own assets (bundle, CSS, codicon font) came from the package.
		const codicon = await chat.locator('.codicon').first().evaluate(el => el.ownerDocument.defaultView?.getComputedStyle(el).fontFamily ?? '');
		assert.match(codicon, /codicon/);
	});
});
