import assert from 'node:assert/strict';
import type { RunningEmulator } from '../emulator/server';
import { openWorkbench, type Workbench } from '../host/workbench';

async function waitForTokenExchange(emulator: RunningEmulator): Promise<void> {
	const deadline = Date.now() + 60_000;
	while (!(await emulator.admin.requests({ path: '/oauth2/userinfo' })).some(e => e.status === 200)) {
		if (Date.now() > deadline) {
			throw new Error('the extension never completed the sign-in');
		}
		await new Promise(resolve => setTimeout(resolve, 200));
	}
}

describe('e2e: sign in from the command palette in the real VS Code web workbench', function () {
	this.timeout(180_000);
	let workbench: Workbench;

	before(async () => {
		workbench = await openWorkbench();
	});

	after(async () => {
		await workbench?.close();
	});

	it('clicks through the AI Pass consent page and ends signed in', async () => {
		const { page, context, emulator } = workbench;
		const popupPromise = context.waitForEvent('page', { timeout: 60_000 });
		await workbench.runCommand('AI Pass: Sign In');
		const consent = await popupPromise;
		await consent.waitForLoadState('domcontentloaded');
		assert.match(consent.url(), /\/oauth2\/authorize\?/);
		await consent.locator('#allow').click();
		await waitForTokenExchange(emulator);
		// What a person sees: the account in VS Code's Accounts menu.
		await page.bringToFront();
		await workbench.waitForAccount('ada@example.com (AI Pass)');
		await page.screenshot({ path: 'out/e2e-signed-in.png' });
		await page.keyboard.press('Escape');

		const log = await emulator.admin.requests();
		const authorize = log.find(e => e.path === '/oauth2/authorize');
		const exchange = log.find(e => e.path === '/oauth2/token');
		assert.ok(authorize && exchange);
		assert.equal(authorize.query.code_challenge_method, 'S256');
		assert.equal((exchange.body as Record<string, string>).redirectUri, authorize.query.redirect_uri);
		assert.equal(exchange.status, 200);
	});
});

describe('e2e: first sign-in without a client ID', function () {
	this.timeout(180_000);
	let workbench: Workbench;

	before(async () => {
		workbench = await openWorkbench({ settings: { 'aipass.clientId': '' } });
	});

	after(async () => {
		await workbench?.close();
	});

	it('explains what is needed, takes a client ID and goes on to sign in', async () => {
		const { page, context, emulator } = workbench;
		await emulator.admin.setConfig({ autoApprove: 'allow' });
		await workbench.runCommand('AI Pass: Sign In');
		const dialog = page.locator('.monaco-dialog-box', { hasText: 'AI Pass needs your OAuth client ID' });
		await dialog.waitFor({ timeout: 30_000 });
		assert.match(await dialog.innerText(), /aipass\.aipass-vscode\/callback/, 'the redirect URI to register is shown');
		await page.screenshot({ path: 'out/e2e-client-id.png' });
		const popupPromise = context.waitForEvent('page', { timeout: 60_000 });
		await dialog.getByRole('button', { name: 'Enter Client ID…' }).click();
		const input = page.locator('.quick-input-widget input');
		await input.waitFor();
		await input.fill('client_vscode_test');
		await input.press('Enter');
		await popupPromise;
		await waitForTokenExchange(emulator);
		await workbench.waitForAccount('ada@example.com (AI Pass)');
		const [authorize] = await emulator.admin.requests({ path: '/oauth2/authorize' });
		assert.equal(authorize?.query.client_id, 'client_vscode_test');
	});
});
