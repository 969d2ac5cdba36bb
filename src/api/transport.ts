import { CallScope, type CallTimeouts } from './callScope';
import { AuthExpiredError, errorFromResponse, isAiPassError } from './errors';
import { type BodyReader, readCapped } from './readers';
import { type TokenSource } from './tokenSource';

export interface TransportOptions {
	tokens: TokenSource;
	fetch: typeof fetch;
	/** Read per call (tests inject small ones). */
	timeouts: () => CallTimeouts;
	userAgent?: string;
}

/** What `fetch` accepts as a body. */
export type RequestBody = NonNullable<RequestInit['body']>;

export interface HttpRequest {
	method: 'GET' | 'POST';
	url: string;
	/** Short name for messages, e.g. `chat/completions`. */
	route: string;
	/** Called for each attempt, so a retried request gets a fresh body (a FormData or stream can be sent once). */
	body?: () => RequestBody;
	contentType?: string;
	accept?: string;
	signal?: AbortSignal;
	/** Sends no token (a download URL on another origin must never see it). */
	anonymous?: boolean;
	/** The most `call` reads of the body. */
	maxBytes: number;
	/** Overrides the time to headers (slow paid generations). */
	headersTimeoutMs?: number;
}

/** A successful response whose body is still open, with the scope that must be disposed when done. */
export interface OpenResponse {
	response: Response;
	scope: CallScope;
}

/**
 * Sends requests with the bearer token and client-id header; on a 401 it forces one token refresh
 * and retries once. It never retries anything else (paid requests are never replayed on doubt).
 */
export class Transport {
	constructor(private readonly options: TransportOptions) {}

	/** Sends `request` and reads the body (capped) with `read`, under the call's clocks and signal. */
	async call<T>(request: HttpRequest, read: BodyReader<T>): Promise<T> {
		const { response, scope } = await this.open(request);
		try {
			scope.startBody();
			return await read(response, () => readCapped(response, request.route, request.maxBytes, () => scope.touch()));
		} catch (e) {
			throw scope.translate(e, request.route);
		} finally {
			scope.dispose();
		}
	}

	/**
	 * Sends `request` and hands back the open response; the caller reads the body (calling
	 * `scope.startBody()` first and `scope.touch()` per chunk), then disposes the scope.
	 */
	async open(request: HttpRequest): Promise<OpenResponse> {
		const timeouts = this.options.timeouts();
		const scope = new CallScope(request.signal, { ...timeouts, headersMs: request.headersTimeoutMs ?? timeouts.headersMs }, request.route);
		try {
			return { response: await this.sendAuthorized(request, scope), scope };
		} catch (e) {
			scope.dispose();
			throw scope.translate(e, request.route);
		}
	}

	private async sendAuthorized(request: HttpRequest, scope: CallScope): Promise<Response> {
		if (request.anonymous === true) {
			return this.ensureOk(await this.send(request, undefined, scope.signal), request.route, []);
		}
		const { tokens } = this.options;
		const token = await tokens.getAccessToken({ signal: scope.signal });
		scope.throwIfAborted(request.route);
		const first = await this.send(request, token, scope.signal);
		if (first.status !== 401) {
			return this.ensureOk(first, request.route, [token]);
		}
		await first.body?.cancel();
		let fresh: string;
		try {
			fresh = await tokens.getAccessToken({ forceRefresh: true, rejectedToken: token, signal: scope.signal });
		} catch (e) {
			throw refreshFailure(e, request.route);
		}
		if (fresh === token) {
			throw new AuthExpiredError(`${request.route}: HTTP 401 and the token source had no newer token`, { status: 401 });
		}
		scope.throwIfAborted(request.route);
		return this.ensureOk(await this.send(request, fresh, scope.signal), request.route, [token, fresh]);
	}

	private send(request: HttpRequest, token: string | undefined, signal: AbortSignal): Promise<Response> {
		const headers = new Headers();
		const clientId = this.options.tokens.clientId;
		if (token !== undefined) {
			headers.set('Authorization', `Bearer ${token}`);
			if (clientId !== undefined) {
				headers.set('X-AIPass-OAuth-Client-Id', clientId);
			}
		}
		if (request.accept !== undefined) {
			headers.set('Accept', request.accept);
		}
		if (request.contentType !== undefined) {
			headers.set('Content-Type', request.contentType);
		}
		if (this.options.userAgent !== undefined) {
			headers.set('User-Agent', this.options.userAgent);
		}
		return this.options.fetch(request.url, { method: request.method, headers, body: request.body?.(), signal });
	}

	private async ensureOk(response: Response, route: string, secrets: readonly string[]): Promise<Response> {
		if (response.ok) {
			return response;
		}
		throw await errorFromResponse(response, route, secrets);
	}
}

/**
 * A refresh that failed for lack of a network or a server fault is reported as such (the session is
 * kept); any other failure means sign in again.
 */
function refreshFailure(e: unknown, route: string): unknown {
	if (isAiPassError(e) && ['network', 'timeout', 'aborted', 'authExpired', 'notSignedIn', 'server'].includes(e.kind)) {
		return e;
	}
	const reason = e instanceof Error ? e.message : String(e);
	return new AuthExpiredError(`${route}: HTTP 401 and the token refresh failed: ${reason}`, { status: 401, cause: e });
}
