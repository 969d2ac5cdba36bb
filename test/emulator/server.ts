import { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { type Server, type Socket } from 'node:net';
import { EmulatorAdmin } from './adminClient';
import { formObject, parseBody, summarizeBody } from './body';
import { type Ctx, liteLlmError, sendJson } from './http';
import { route } from './routes';
import { EmulatorState } from './state';
import { createCertificate } from './tls';
import { type ClientSeed } from './types';

export interface EmulatorOptions {
	/** Default `127.0.0.1`. */
	host?: string;
	/** Default 0: a random free port. */
	port?: number;
	/** Extra clients, present after every reset too. */
	seedClients?: ClientSeed[];
	/** Overrides every client's access-token TTL (also after reset). */
	accessTokenTtlSeconds?: number;
	/** Demo mode (model-like answers and pictures; see demoChat.ts), also after reset. Default off. */
	demo?: boolean;
	/** No per-request console line. */
	quiet?: boolean;
	/**
	 * Serve https with a fresh self-signed certificate for `host` (the web worker extension host's CSP
	 * lets plain http reach only localhost/127.0.0.1). The browser trusts it through `spkiSha256`.
	 */
	https?: boolean;
}

export interface RunningEmulator {
	/** e.g. `http://127.0.0.1:41234` (or `https://…`), no trailing slash. */
	url: string;
	/** With `https`: base64 SHA-256 of the certificate's public key, for Chromium's `--ignore-certificate-errors-spki-list`. */
	spkiSha256?: string;
	/** The same emulator over plain http (equal to `url` without `https`); `admin` uses it. */
	plainUrl: string;
	port: number;
	admin: EmulatorAdmin;
	/** Stops listening and destroys every open socket, hung streams included. */
	close(): Promise<void>;
}

/** Starts the local AI Pass emulator. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
	const host = options.host ?? '127.0.0.1';
	const state = new EmulatorState({ seedClients: options.seedClients ?? [], accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? null, demo: options.demo ?? false });
	const sockets = new Set<Socket>();
	let origin = '';
	const handler = (req: IncomingMessage, res: ServerResponse): void => {
		void handleRequest(req, res, state, origin, options.quiet ?? false);
	};
	const certificate = options.https ? await createCertificate(host) : undefined;
	const server = certificate ? createHttpsServer({ key: certificate.key, cert: certificate.cert }, handler) : createServer(handler);
	// With https, the same emulator (one state) also answers plain http on another port, for
	// Node-side clients such as the tests' admin calls, which do not trust the throwaway certificate.
	const plain = certificate ? createServer(handler) : undefined;
	const servers = plain ? [server, plain] : [server];
	for (const listener of servers) {
		listener.on('connection', (socket: Socket) => {
			sockets.add(socket);
			socket.on('close', () => sockets.delete(socket));
		});
	}
	const port = await listen(server, options.port ?? 0, host);
	origin = `${certificate ? 'https' : 'http'}://${originHost(host)}:${port}`;
	const plainUrl = plain ? `http://${originHost(host)}:${await listen(plain, 0, host)}` : origin;
	return {
		url: origin,
		port,
		plainUrl,
		...(certificate ? { spkiSha256: certificate.spkiSha256 } : {}),
		admin: new EmulatorAdmin(plainUrl),
		close: async () => {
			for (const socket of sockets) {
				socket.destroy();
			}
			await Promise.all(servers.map(listener => new Promise<void>(resolve => listener.close(() => resolve()))));
		},
	};
}

async function listen(server: Server, port: number, host: string): Promise<number> {
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const address = server.address();
	if (address === null || typeof address === 'string') {
		throw new Error('The emulator is not listening on a TCP port.');
	}
	return address.port;
}

/** Reads and parses the body, logs the request (admin requests excepted), then routes it. */
async function handleRequest(req: IncomingMessage, res: ServerResponse, state: EmulatorState, origin: string, quiet: boolean): Promise<void> {
	let raw: Buffer;
	try {
		raw = await readAll(req);
	} catch {
		return; // the client went away while sending
	}
	const url = new URL(req.url ?? '/', origin);
	const method = req.method ?? 'GET';
	const body = await parseBody(req.headers['content-type'], raw);
	const isAdmin = url.pathname.startsWith('/__admin/');
	// CORS preflights are the browser's plumbing, not calls to AI Pass: answered (routes.ts), not logged.
	const log = isAdmin || method === 'OPTIONS' ? null : state.recordRequest({
		method,
		path: url.pathname,
		query: formObject(url.searchParams),
		headers: flatHeaders(req.headers),
		body: summarizeBody(body),
	});
	const ctx: Ctx = { req, res, method, path: url.pathname, query: url.searchParams, body, origin, state, log };
	if (!quiet && !isAdmin && log !== null) {
		// Method, path and status only: queries and bodies can carry tokens and codes.
		res.on('finish', () => console.log(`${method} ${url.pathname} -> ${res.statusCode}`));
	}
	try {
		await route(ctx);
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		console.error(`AI Pass emulator: ${method} ${url.pathname} failed: ${message}`);
		sendJson(ctx, 500, liteLlmError(500, `Emulator error: ${message}`, 'server_error'));
	}
}

function readAll(req: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

function flatHeaders(headers: IncomingHttpHeaders): Record<string, string> {
	const flat: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) {
		if (value !== undefined) {
			flat[name] = Array.isArray(value) ? value.join(', ') : value;
		}
	}
	return flat;
}

/** The host as it appears in a URL; wildcard binds are reached over loopback. */
function originHost(host: string): string {
	if (host === '0.0.0.0') {
		return '127.0.0.1';
	}
	if (host === '::') {
		return '[::1]';
	}
	return host.includes(':') ? `[${host}]` : host;
}
