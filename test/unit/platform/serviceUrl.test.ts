import assert from 'node:assert/strict';
import { isInsecureServiceUrl } from '../../../src/platform/serviceUrl';

describe('service URL: plain http only on loopback', () => {
	it('refuses http to any host off this machine', () => {
		for (const url of ['http://example.com', 'http://aipass.one', 'HTTP://EXAMPLE.COM:8080/x', 'http://10.0.0.1', 'http://192.168.1.2:3000',
			'http://127.0.0.1.evil.example', 'http://localhost.evil.example', 'http://[::2]', 'http://0.0.0.0', 'http://2130706433.example']) {
			assert.equal(isInsecureServiceUrl(url), true, url);
		}
	});

	it('allows https anywhere and http on loopback (the emulator on 127.0.0.2)', () => {
		for (const url of ['https://aipass.one', 'https://example.com:8443', 'http://127.0.0.2:4123', 'http://127.0.0.1', 'http://localhost:3000',
			'http://LOCALHOST', 'http://aipass.localhost:8080', 'http://[::1]:9000', 'http://2130706433']) {
			assert.equal(isInsecureServiceUrl(url), false, url);
		}
	});
});
