import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { clientSecretKey } from '../../src/auth/clientSetup';
import { admin, extensionApi } from './helpers';

describe('aipass.registerClient', function () {
	this.timeout(30_000);

	afterEach(async () => {
		await vscode.workspace.getConfiguration('aipass').update('clientId', 'client_vscode_test', vscode.ConfigurationTarget.Global);
	});

	it('registers a public client for this editor\'s redirect URI, saves its ID in settings and any secret only in SecretStorage', async () => {
		await admin().reset();
		const { testing } = await extensionApi();
		const clientId = await vscode.commands.executeCommand<string | undefined>('aipass.registerClient', { name: 'My VS Code' });
		assert.match(clientId ?? '', /^client_/);
		assert.equal(vscode.workspace.getConfiguration('aipass').get('clientId'), clientId);

		const [request] = await admin().requests({ path: '/api/v1/oauth2/clients' });
		const body = request?.body as Record<string, unknown>;
		assert.equal(request?.status, 201);
		assert.equal(body.clientName, 'My VS Code');
		assert.equal(body.redirectUri, `${vscode.env.uriScheme}://aipass.aipass-vscode/callback`);
		assert.deepEqual(body.requestedScopes, ['api:access', 'profile:read']);
		const registered = (await admin().clients()).find(c => c.clientId === clientId);
		assert.deepEqual(registered?.redirectUris, [`${vscode.env.uriScheme}://aipass.aipass-vscode/callback`]);

		const secret = await testing.secrets.get(clientSecretKey(clientId!));
		assert.match(secret ?? '', /^secret_/, 'the secret the service returned is kept in SecretStorage');
		const settings = JSON.stringify(vscode.workspace.getConfiguration('aipass'));
		assert.ok(!settings.includes(secret!), 'and nowhere in the settings');
	});
});
