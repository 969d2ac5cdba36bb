/**
 * Codes and tokens travel to `aipass.baseUrl`: a plain `http://` origin is accepted only on a loopback
 * host (the local emulator, a tunnel on this machine), where nothing crosses a network in clear.
 */
export function isInsecureServiceUrl(value: string): boolean {
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		return false; // Not a URL at all: requests fail with their own error, nothing is sent.
	}
	return url.protocol === 'http:' && !isLoopbackHost(url.hostname);
}

/** `localhost` (and `*.localhost`), 127.0.0.0/8 and `[::1]`, as the URL parser normalises them. */
export function isLoopbackHost(hostname: string): boolean {
	const host = hostname.toLowerCase();
	return host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
