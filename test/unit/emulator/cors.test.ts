import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { connect } from 'node:tls';
import { startEmulator } from '../../emulator/server';
import { authorizeUrl, chat, getManual, signIn, useEmulator } from './harness';

const ORIGIN = 'https://vscode.dev';

/** What a browser sends before a bearer or JSON request from another origin. */
function preflight(url: string, method: string, headers: string): Promise<Response> {
	return fetch(url, { method: 'OPTIONS', headers: { Origin: ORIGIN, 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': headers } });
}

describe('emulator CORS (what VS Code for the Web needs from AI Pass)', () => {
	const emulator = useEmulator();

	it('answers the preflight of a streamed chat call with the headers the client sends, before routing', async () => {
		const response = await preflight(`${emulator.url}/oauth2/v1/chat/completions`, 'POST', 'authorization,content-type,x-aipass-oauth-client-id');
		assert.equal(response.status, 204);
		assert.equal(response.headers.get('access-control-allow-origin'), '*');
		assert.match(response.headers.get('access-control-allow-methods') ?? '', /\bPOST\b/);
		const allowed = (response.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(/\s*,\s*/);
		for (const header of ['authorization', 'content-type', 'x-aipass-oauth-client-id', 'accept']) {
			assert.ok(allowed.includes(header), `${header} allowed`);
		}
		assert.equal(response.headers.get('access-control-allow-credentials'), null, 'never credentials with *');
	});

	it('puts Allow-Origin on errors too and exposes WWW-Authenticate and Retry-After', async () => {
		const unauthorized = await fetch(`${emulator.url}/oauth2/v1/models`, { headers: { Origin: ORIGIN, Authorization: 'Bearer nope' } });
		assert.equal(unauthorized.status, 401);
		assert.equal(unauthorized.headers.get('access-control-allow-origin'), '*');
		assert.ok(unauthorized.headers.get('www-authenticate'));
		const exposed = (unauthorized.headers.get('access-control-expose-headers') ?? '').toLowerCase();
		assert.match(exposed, /\bwww-authenticate\b/);
		assert.match(exposed, /\bretry-after\b/);
	});

	it('a preflight does not consume a queued fault: the real request gets it', async () => {
		const { access_token: token } = await signIn(emulator.url);
		await emulator.admin.fault({ kind: 'rateLimit', retryAfter: 7, path: '/chat/completions' });
		assert.equal((await preflight(`${emulator.url}/oauth2/v1/chat/completions`, 'POST', 'authorization,content-type')).status, 204);
		const limited = await chat(emulator.url, token, { model: 'gpt-5-mini', messages: [{ role: 'user', content: 'hi' }] });
		assert.equal(limited.status, 429);
		assert.equal(limited.headers.get('retry-after'), '7');
		assert.equal(limited.headers.get('access-control-allow-origin'), '*');
	});

	it('the token endpoint and the usage summary are open; the authorize page (a navigation) is not', async () => {
		assert.equal((await preflight(`${emulator.url}/oauth2/token`, 'POST', 'content-type')).headers.get('access-control-allow-origin'), '*');
		assert.equal((await preflight(`${emulator.url}/api/v1/usage/me/summary`, 'GET', 'authorization')).status, 204);
		const consent = await getManual(authorizeUrl(emulator.url));
		assert.equal(consent.headers.get('access-control-allow-origin'), null);
	});
});

describe('emulator https listener (for the web worker host, whose CSP blocks plain http off localhost)', () => {
	it('serves a certificate whose public-key hash is the spkiSha256 it reports, and plain http for Node-side admin', async () => {
		const emulator = await startEmulator({ host: '127.0.0.2', https: true, quiet: true });
		try {
			assert.match(emulator.url, /^https:\/\/127\.0\.0\.2:\d+$/);
			assert.match(emulator.plainUrl, /^http:\/\/127\.0\.0\.2:\d+$/);
			const served = await new Promise<Buffer>((resolve, reject) => {
				const socket = connect({ host: '127.0.0.2', port: emulator.port, rejectUnauthorized: false }, () => {
					const spki = socket.getPeerX509Certificate()?.publicKey.export({ type: 'spki', format: 'der' });
					socket.end();
					if (spki) {
						resolve(spki);
					} else {
						reject(new Error('no peer certificate'));
					}
				});
				socket.once('error', reject);
			});
			assert.equal(createHash('sha256').update(served).digest('base64'), emulator.spkiSha256);
			// One state behind both listeners: a reset over plain http, then the metadata names the https issuer.
			await emulator.admin.reset();
			const metadata = await (await fetch(`${emulator.plainUrl}/.well-known/oauth-authorization-server`)).json() as { issuer: string };
			assert.equal(metadata.issuer, emulator.url);
		} finally {
			await emulator.close();
		}
	});
});
