import assert from 'node:assert/strict';
import { LOOPBACK_CALLBACK, authorizeUrl, decide, getManual, signIn, useEmulator } from './harness';

const EXACT = 'vscode://aipass.aipass-vscode/callback';

describe('emulator: discovery and /oauth2/authorize', () => {
	const emu = useEmulator();

	async function expectErrorPage(url: string, error: string): Promise<string> {
		const response = await getManual(url);
		assert.equal(response.status, 400);
		assert.equal(response.headers.get('location'), null);
		assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
		const html = await response.text();
		assert.match(html, new RegExp(`<code id="error">${error}</code>`));
		return html;
	}

	async function expectErrorRedirect(url: string, error: string): Promise<URL> {
		const response = await getManual(url);
		assert.equal(response.status, 302);
		const location = new URL(response.headers.get('location') ?? '');
		assert.equal(location.searchParams.get('error'), error);
		assert.ok(location.searchParams.get('error_description'));
		assert.equal(location.searchParams.get('state'), 'state-123');
		return location;
	}

	it('serves authorization-server metadata with its own origin as issuer', async () => {
		const response = await fetch(`${emu.url}/.well-known/oauth-authorization-server`);
		assert.equal(response.status, 200);
		assert.deepEqual(await response.json(), {
			issuer: emu.url,
			authorization_endpoint: `${emu.url}/oauth2/authorize`,
			token_endpoint: `${emu.url}/oauth2/token`,
			userinfo_endpoint: `${emu.url}/oauth2/userinfo`,
			revocation_endpoint: `${emu.url}/oauth2/revoke`,
			scopes_supported: ['api:access', 'profile:read'],
			response_types_supported: ['code'],
			grant_types_supported: ['authorization_code', 'refresh_token'],
			code_challenge_methods_supported: ['S256'],
			token_endpoint_auth_methods_supported: ['none'],
		});
	});

	it('shows an error page (no redirect) for an unknown client', async () => {
		await expectErrorPage(authorizeUrl(emu.url, { clientId: 'client_nope' }), 'invalid_client');
	});

	describe('exact allowlist (client_exact)', () => {
		it('accepts the registered callback byte for byte, after trimming outer whitespace', async () => {
			const response = await getManual(authorizeUrl(emu.url, { clientId: 'client_exact', redirectUri: `  ${EXACT} ` }));
			assert.equal(response.status, 200);
			assert.match(await response.text(), /id="allow"/);
		});
		for (const [label, uri] of [
			['a trailing slash', `${EXACT}/`],
			['a different case', 'vscode://aipass.aipass-vscode/Callback'],
			['a port', 'vscode://aipass.aipass-vscode:8080/callback'],
			['an extra query', `${EXACT}?x=1`],
		]) {
			it(`rejects the callback with ${label}`, async () => {
				await expectErrorPage(authorizeUrl(emu.url, { clientId: 'client_exact', redirectUri: uri }), 'invalid_request');
			});
		}
	});

	describe('dynamic callbacks (redirectUris null)', () => {
		for (const [label, uri, reason] of [
			['a fragment', 'https://app.example.com/cb#frag', /fragment/],
			['a wildcard', 'https://*.example.com/cb', /wildcard/],
			['userinfo', 'https://user:pw@app.example.com/cb', /user information/],
			['javascript:', 'javascript:alert(1)//cb', /scheme javascript: is not allowed/],
			['data:', 'data:text/html,hi', /scheme data: is not allowed/],
			['file:', 'file:///etc/passwd', /scheme file: is not allowed/],
			['vbscript:', 'vbscript:msgbox', /scheme vbscript: is not allowed/],
			['public plain http', 'http://app.example.com/cb', /only on loopback/],
			['more than 2048 characters', `https://app.example.com/${'a'.repeat(2048)}`, /2048/],
		] as const) {
			it(`rejects ${label}`, async () => {
				const html = await expectErrorPage(authorizeUrl(emu.url, { redirectUri: uri }), 'invalid_request');
				assert.match(html, reason);
			});
		}

		it('accepts https, loopback http and private custom schemes', async () => {
			for (const uri of [
				'https://app.example.com/cb', 'http://127.0.0.1:3000/cb', 'http://127.0.0.2:9/cb', 'http://localhost:1/cb',
				'http://[::1]:8080/cb', 'vscode://aipass.aipass-vscode/callback', 'code-oss://aipass.aipass-vscode/callback', 'myapp://auth/callback',
			]) {
				const response = await getManual(authorizeUrl(emu.url, { redirectUri: uri }));
				assert.equal(response.status, 200, uri);
				await response.body?.cancel();
			}
		});
	});

	it('redirects invalid_request when code_challenge is missing', async () => {
		await expectErrorRedirect(authorizeUrl(emu.url, { challenge: null }), 'invalid_request');
	});

	it('redirects invalid_request for code_challenge_method plain or missing', async () => {
		await expectErrorRedirect(authorizeUrl(emu.url, { method: 'plain' }), 'invalid_request');
		await expectErrorRedirect(authorizeUrl(emu.url, { method: null }), 'invalid_request');
	});

	it('redirects unsupported_response_type for response_type=token', async () => {
		await expectErrorRedirect(authorizeUrl(emu.url, { responseType: 'token' }), 'unsupported_response_type');
	});

	it('redirects invalid_scope for an unknown scope', async () => {
		const location = await expectErrorRedirect(authorizeUrl(emu.url, { scope: 'api:access admin:all' }), 'invalid_scope');
		assert.equal(`${location.origin}${location.pathname}`, LOOPBACK_CALLBACK);
	});

	it('renders a consent page with the client, the scopes, accounts and an Allow/Deny form', async () => {
		const response = await getManual(authorizeUrl(emu.url));
		assert.equal(response.status, 200);
		const html = await response.text();
		assert.match(html, /<form method="post" action="\/oauth2\/authorize\/decision">/);
		assert.match(html, /<input type="hidden" name="request_id" value="[^"]+">/);
		assert.match(html, /<button type="submit" name="decision" value="allow" id="allow">Allow<\/button>/);
		assert.match(html, /<button type="submit" name="decision" value="deny" id="deny">Deny<\/button>/);
		assert.match(html, /AI Pass for VS Code \(test\)/);
		assert.match(html, /api:access/);
		assert.match(html, /profile:read/);
		assert.match(html, /name="user" value="u_ada" checked/);
		assert.match(html, /name="user" value="u_grace"/);
		assert.doesNotMatch(html, /<script/);
		assert.equal(await emu.admin.pendingAuthorizations(), 1);
	});

	it('Allow redirects with code and state, keeping the callback query byte for byte', async () => {
		const callback = 'http://127.0.0.1:8000/abc/callback?vscode-reqid=1&vscode-query=a%3Db%26c&vscode-scheme=code-oss';
		const consent = await getManual(authorizeUrl(emu.url, { redirectUri: callback, state: 's t/ä' }));
		const response = await decide(emu.url, consent, 'allow');
		assert.equal(response.status, 302);
		const location = response.headers.get('location') ?? '';
		assert.ok(location.startsWith(`${callback}&code=`), location);
		const params = new URL(location).searchParams;
		assert.match(params.get('code') ?? '', /^[A-Za-z0-9_-]{43}$/);
		assert.equal(params.get('state'), 's t/ä');
		assert.equal(params.get('vscode-query'), 'a=b&c');
	});

	it('Deny redirects with access_denied, a description and the state', async () => {
		const consent = await getManual(authorizeUrl(emu.url));
		const response = await decide(emu.url, consent, 'deny');
		const location = new URL(response.headers.get('location') ?? '');
		assert.equal(`${location.origin}${location.pathname}`, LOOPBACK_CALLBACK);
		assert.equal(location.searchParams.get('error'), 'access_denied');
		assert.ok(location.searchParams.get('error_description'));
		assert.equal(location.searchParams.get('state'), 'state-123');
		assert.equal(location.searchParams.get('code'), null);
	});

	it('answers a consent form only once', async () => {
		const html = await (await getManual(authorizeUrl(emu.url))).text();
		const first = await decide(emu.url, new Response(html), 'allow');
		assert.equal(first.status, 302);
		const second = await decide(emu.url, new Response(html), 'allow');
		assert.equal(second.status, 400);
		assert.equal(await emu.admin.pendingAuthorizations(), 0);
	});

	it('signs in the account picked on the consent page', async () => {
		const tokens = await signIn(emu.url, { user: 'u_grace' });
		const info = await fetch(`${emu.url}/oauth2/userinfo`, { headers: { Authorization: `Bearer ${tokens.access_token}` } });
		assert.equal(((await info.json()) as { sub: string }).sub, 'u_grace');
	});

	it('skips consent with autoApprove allow/deny and for clients without requireConsent', async () => {
		await emu.admin.setConfig({ autoApprove: 'deny' });
		const denied = await getManual(authorizeUrl(emu.url));
		assert.equal(new URL(denied.headers.get('location') ?? '').searchParams.get('error'), 'access_denied');

		await emu.admin.setConfig({ autoApprove: 'allow', autoApproveUser: 'u_grace' });
		const allowed = await getManual(authorizeUrl(emu.url));
		assert.match(new URL(allowed.headers.get('location') ?? '').searchParams.get('code') ?? '', /^[A-Za-z0-9_-]{43}$/);

		await emu.admin.setConfig({ autoApprove: null });
		await emu.admin.addClient({ clientId: 'client_silent', redirectUris: [LOOPBACK_CALLBACK], requireConsent: false });
		const silent = await getManual(authorizeUrl(emu.url, { clientId: 'client_silent' }));
		assert.equal(silent.status, 302);
		assert.ok(new URL(silent.headers.get('location') ?? '').searchParams.get('code'));
		assert.equal(await emu.admin.pendingAuthorizations(), 0);
	});
});
