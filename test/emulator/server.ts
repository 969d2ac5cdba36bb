import { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import { type Socket } from 'node:net';
import { EmulatorAdmin } from './adminClient';
import { formObject, parseBody, summarizeBody } from './body';
import { type Ctx, liteLlmError, sendJson } from './http';
import { route } from './routes';
import { EmulatorState } from './state';
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
}

export interface RunningEmulator {
	/** e.g. `http://127.0.0.1:41234`, no trailing slash. */
	url: string;
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
	const server = createServer((req, res) => {
		void handleRequest(req, res, state, origin, options.quiet ?? false);
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const address = server.address();
	if (address === null || typeof address === 'string') {
		throw new Error('The emulator is not listening on a TCP port.');
	}
	origin = `http://${originHost(host)}:${address.port}`;
	return {
		url: origin,
		port: address.port,
		admin: new EmulatorAdmin(origin),
		close: () => new Promise<void>((resolve) => {
			for (const socket of sockets) {
				socket.destroy();
			}
			server.close(() => resolve());
		}),
	};
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
	const log = isAdmin ? null : state.recordRequest({
		method,
		path: url.pathname,
		query: formObject(url.searchParams),
		headers: flatHeaders(req.headers),
		body: summarizeBody(body),
	});
	const ctx: Ctx = { req, res, method, path: url.pathname, query: url.searchParams, body, origin, state, log };
	if (!quiet && !isAdmin) {
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
