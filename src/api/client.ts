import { parseUsageSummary, parseUserInfo } from './account';
import { parseChatCompletion } from './chat';
import { type ChatEventBatch, parseChatStream, parseChatStreamBatches, type StreamReadOptions } from './chatStream';
import { InvalidResponseError } from './errors';
import { type ClientLimits, DEFAULT_LIMITS } from './limits';
import {
	imageEditForm, imageVariationForm, parseEmbeddings, parseImages, parseTranscription, transcriptionForm,
} from './media';
import { modelQuery, parseModel, parseModelList } from './models';
import { featureOfRoute, type PaidCallInfo, type PaidCallLabel, type PaidCallObserver, type PaidCallOutcome } from './paidCalls';
import { readBinary, readJson, readText } from './readers';
import { type TokenSource } from './tokenSource';
import { type HttpRequest, type RequestBody, Transport } from './transport';
import {
	type BinaryData, type ChatCompletion, type ChatRequest, type ChatStreamEvent, type EmbeddingsRequest,
	type EmbeddingsResult, type GeneratedImage, type ImageEditRequest, type ImageGenerationRequest,
	type ImageVariationRequest, type ModelFilter, type ModelInfo, type SpeechRequest, type StreamOptions,
	type Transcription, type TranscriptionRequest, type Usage, type UsageSummary, type UserInfo, type VideoJob, type VideoRequest,
} from './types';
import { parseVideoJob, type VideoShape } from './videos';

// The stream parser is part of the client's public surface (the benchmark and tests use it directly).
export { parseChatStream, parseChatStreamBatches };

export interface AiPassClientOptions {
	/** Origin, no trailing slash, e.g. `https://aipass.one`. Read on every call. */
	baseUrl: () => string;
	/** `/oauth2/v1` or `/v1`. Read on every call. */
	apiBasePath: () => string;
	tokens: TokenSource;
	/** Defaults to the global `fetch`; exists only so the extension can pass VS Code's fetch. */
	fetch?: typeof fetch;
	/** Timeouts and body caps (see `DEFAULT_LIMITS`); tests inject small ones. */
	limits?: Partial<ClientLimits>;
	/** Called once when each paid call settles (success, failure or abort); must not throw. */
	onPaidRequestSettled?: () => void;
	/** Sees each paid call start and settle, with its model, feature and reported tokens. */
	paidCalls?: PaidCallObserver;
	userAgent?: string;
}

/**
 * The AI Pass model and account API: bearer auth, one refresh-and-retry on 401, typed errors, no other retries.
 * Every call is `async`, so a refused `baseUrl()` (plain http off loopback) is a rejection, never a throw.
 */
export class AiPassClient {
	private readonly transport: Transport;
	/** Learned from the server's answers: which of the two video APIs it speaks. */
	private videoShape: VideoShape | undefined;
	private readonly limits: ClientLimits;

	constructor(private readonly options: AiPassClientOptions) {
		const limits = { ...DEFAULT_LIMITS, ...options.limits };
		this.limits = limits;
		this.transport = new Transport({
			tokens: options.tokens,
			fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
			timeouts: () => ({ headersMs: limits.headersTimeoutMs, idleMs: limits.idleTimeoutMs }),
			userAgent: options.userAgent,
		});
	}

	async listModels(filter?: ModelFilter, signal?: AbortSignal): Promise<ModelInfo[]> {
		return this.getJson(this.api(`/models${modelQuery(filter)}`), 'models', signal).then((json) => parseModelList(json, 'models'));
	}

	async getModel(id: string, signal?: AbortSignal): Promise<ModelInfo> {
		return this.getJson(this.api(`/models/${encodePath(id)}`), 'models/{id}', signal).then((json) => parseModel(json, 'models/{id}'));
	}

	async chat(request: ChatRequest, signal?: AbortSignal, label?: PaidCallLabel): Promise<ChatCompletion> {
		const route = 'chat/completions';
		// A whole answer before the headers: as slow as a generation.
		return this.paid({ route, model: request.model, ...label },
			() => this.postJson(route, { ...request, stream: false }, signal, this.mediaCall(this.limits.jsonBytes)).then((json) => parseChatCompletion(json, route)),
			(completion) => completion.usage);
	}

	/** Sends the request when iteration starts; see `parseChatStream` for how the stream ends. */
	streamChat(request: ChatRequest, signal?: AbortSignal, options?: StreamOptions): AsyncGenerator<ChatStreamEvent> {
		return this.openStream(request, signal, options, parseChatStream, usageOfEvent);
	}

	/**
	 * `streamChat` one network chunk at a time (see `parseChatStreamBatches`): the same events, order and
	 * endings. The product's consumers loop over each batch synchronously (`for (const event of batch)`,
	 * which stops at an abort between two events): one promise turn per chunk.
	 */
	streamChatBatches(request: ChatRequest, signal?: AbortSignal, options?: StreamOptions): AsyncGenerator<ChatEventBatch> {
		return this.openStream(request, signal, options, parseChatStreamBatches, usageOfBatch);
	}

	private async *openStream<T>(
		request: ChatRequest, signal: AbortSignal | undefined, options: StreamOptions | undefined,
		parse: (body: ReadableStream<Uint8Array>, signal: AbortSignal, options: StreamReadOptions) => AsyncIterable<T>,
		usageOf: (item: T) => Usage | undefined,
	): AsyncGenerator<T> {
		const route = 'chat/completions';
		const settle = this.startPaid({ route, model: request.model, ...options?.paid });
		let outcome: PaidCallOutcome = { ok: false };
		let usage: Usage | undefined;
		// Ask for the usage chunk (servers that ignore it simply send none: the charge is then learned without tokens).
		const body = { ...request, stream: true, stream_options: { include_usage: true, ...request.stream_options } };
		try {
			const { response, scope } = await this.transport.open({
				...this.post(route, JSON.stringify(body), 'application/json'),
				accept: 'text/event-stream',
				signal,
			});
			try {
				scope.startBody();
				if (response.body === null) {
					throw new InvalidResponseError(`${route}: the stream has no body`);
				}
				for await (const item of parse(response.body, scope.signal, { ...options, maxBytes: this.limits.streamBytes, onChunk: () => scope.touch() })) {
					usage = usageOf(item) ?? usage;
					yield item;
				}
				outcome = { ok: true };
			} catch (e) {
				throw scope.translate(e, route);
			} finally {
				scope.dispose();
			}
		} catch (e) {
			outcome = { ok: false, error: e };
			throw e;
		} finally {
			settle({ ...outcome, ...(usage ? { usage } : {}) });
			this.options.onPaidRequestSettled?.();
		}
	}

	async embeddings(request: EmbeddingsRequest, signal?: AbortSignal): Promise<EmbeddingsResult> {
		return this.paid({ route: 'embeddings', model: request.model },
			() => this.postJson('embeddings', request, signal).then((json) => parseEmbeddings(json, 'embeddings')), (result) => result.usage);
	}

	async generateImages(request: ImageGenerationRequest, signal?: AbortSignal): Promise<GeneratedImage[]> {
		return this.paid({ route: 'images/generations', model: request.model, units: request.n ?? 1 }, () => this.postJson('images/generations', request, signal, this.mediaCall(this.limits.imageJsonBytes)))
			.then((json) => parseImages(json, 'images/generations'));
	}

	async editImages(request: ImageEditRequest, signal?: AbortSignal): Promise<GeneratedImage[]> {
		const route = 'images/edits';
		return this.paid({ route, model: request.model, units: request.n ?? 1 }, () => this.transport.call({ ...this.post(route, () => imageEditForm(request)), signal, ...this.mediaCall(this.limits.imageJsonBytes) }, readJson(route)))
			.then((json) => parseImages(json, route));
	}

	async imageVariations(request: ImageVariationRequest, signal?: AbortSignal): Promise<GeneratedImage[]> {
		const route = 'images/variations';
		return this.paid({ route, model: request.model, units: request.n ?? 1 }, () => this.transport.call({ ...this.post(route, () => imageVariationForm(request)), signal, ...this.mediaCall(this.limits.imageJsonBytes) }, readJson(route)))
			.then((json) => parseImages(json, route));
	}

	async speech(request: SpeechRequest, signal?: AbortSignal): Promise<BinaryData> {
		const post = { ...this.post('audio/speech', JSON.stringify(request), 'application/json'), signal, ...this.mediaCall(this.limits.mediaBytes) };
		return this.paid({ route: 'audio/speech', model: request.model, units: request.input.length },
			() => this.transport.call(post, readBinary(`audio/${request.response_format ?? 'mpeg'}`)));
	}

	async transcribe(request: TranscriptionRequest, signal?: AbortSignal): Promise<Transcription> {
		const route = 'audio/transcriptions';
		return this.paid({ route, model: request.model, units: request.file.data.byteLength }, () => this.transport.call({ ...this.post(route, () => transcriptionForm(request)), signal, ...this.mediaCall(this.limits.jsonBytes) }, readText))
			.then((raw) => parseTranscription(raw, request.response_format, route));
	}

	async createVideo(request: VideoRequest, signal?: AbortSignal): Promise<VideoJob> {
		const seconds = Number(request.seconds);
		return this.paid({ route: 'videos', model: request.model, ...(Number.isFinite(seconds) && seconds > 0 ? { units: seconds } : {}) },
			() => this.postJson('videos', request, signal, this.mediaCall(this.limits.jsonBytes))).then((json) => this.videoJob(json, 'videos'));
	}

	async remixVideo(id: string, prompt: string, signal?: AbortSignal): Promise<VideoJob> {
		return this.paid({ route: 'videos/{id}/remix' }, () => this.postJson(`videos/${encodePath(id)}/remix`, { prompt }, signal, this.mediaCall(this.limits.jsonBytes)))
			.then((json) => this.videoJob(json, 'videos/{id}/remix'));
	}

	/** GET /videos/{id}, or /videos/{id}/status when the server speaks the `{videoId}` API. */
	async getVideo(id: string, signal?: AbortSignal): Promise<VideoJob> {
		const statusPath = this.videoShape === 'videoId' ? '/status' : '';
		const route = `videos/{id}${statusPath}`;
		return this.getJson(this.api(`/videos/${encodePath(id)}${statusPath}`), route, signal).then((json) => this.videoJob(json, route, id));
	}

	/**
	 * The finished video's bytes: GET /videos/{id}/content, or the job's `downloadUrl` when the server
	 * speaks the `{videoId}` API. The token goes only to the AI Pass origin, never to a CDN.
	 */
	async downloadVideo(id: string, signal?: AbortSignal): Promise<BinaryData> {
		const downloadUrl = this.videoShape === 'videoId' ? (await this.getVideo(id, signal)).downloadUrl : undefined;
		if (downloadUrl === undefined) {
			const route = 'videos/{id}/content';
			const request = { method: 'GET' as const, url: this.api(`/videos/${encodePath(id)}/content`), route, signal, maxBytes: this.limits.videoBytes };
			return this.transport.call(request, readBinary('video/mp4'));
		}
		const url = new URL(downloadUrl, this.options.baseUrl());
		const anonymous = url.origin !== new URL(this.options.baseUrl()).origin;
		return this.transport.call({ method: 'GET', url: url.href, route: 'video download', signal, anonymous, maxBytes: this.limits.videoBytes }, readBinary('video/mp4'));
	}

	/**
	 * A generated image given as a URL (often a CDN): fetched without any token, under the media cap
	 * and the client's timeouts. Only `https:` (or `http:`) addresses are fetched.
	 */
	downloadImage(url: string, signal?: AbortSignal): Promise<BinaryData> {
		const parsed = URL.canParse(url) ? new URL(url) : undefined;
		if (parsed === undefined || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
			return Promise.reject(new InvalidResponseError('image download: not an http(s) address'));
		}
		const request: HttpRequest = { method: 'GET', url: parsed.href, route: `image download from ${parsed.origin}`, signal, anonymous: true, maxBytes: this.limits.mediaBytes };
		return this.transport.call(request, readBinary('image/png'));
	}

	async userInfo(signal?: AbortSignal): Promise<UserInfo> {
		return this.getJson(`${this.options.baseUrl()}/oauth2/userinfo`, 'oauth2/userinfo', signal)
			.then((json) => parseUserInfo(json, 'oauth2/userinfo'));
	}

	async usageSummary(signal?: AbortSignal): Promise<UsageSummary> {
		const route = 'usage/me/summary';
		return this.getJson(`${this.options.baseUrl()}/api/v1/usage/me/summary`, route, signal)
			.then((json) => parseUsageSummary(json, route));
	}

	private api(path: string): string {
		return `${this.options.baseUrl()}${this.options.apiBasePath()}${path}`;
	}

	private post(route: string, body: string | (() => RequestBody), contentType?: string): HttpRequest {
		return {
			method: 'POST', url: this.api(`/${route}`), route, body: typeof body === 'string' ? () => body : body, contentType,
			maxBytes: this.limits.jsonBytes,
		};
	}

	/** A paid generation: the server may think for minutes before it answers. */
	private mediaCall(maxBytes: number): Pick<HttpRequest, 'maxBytes' | 'headersTimeoutMs'> {
		return { maxBytes, headersTimeoutMs: this.limits.mediaHeadersTimeoutMs };
	}

	private postJson(route: string, payload: unknown, signal: AbortSignal | undefined, call?: Pick<HttpRequest, 'maxBytes' | 'headersTimeoutMs'>): Promise<unknown> {
		const request = { ...this.post(route, JSON.stringify(payload), 'application/json'), accept: 'application/json', signal, ...call };
		return this.transport.call(request, readJson(route));
	}

	private getJson(url: string, route: string, signal: AbortSignal | undefined): Promise<unknown> {
		return this.transport.call({ method: 'GET', url, route, accept: 'application/json', signal, maxBytes: this.limits.jsonBytes }, readJson(route));
	}

	private async paid<T>(call: PaidCallInfo, run: () => Promise<T>, usageOf?: (result: T) => Usage | undefined): Promise<T> {
		const settle = this.startPaid(call);
		try {
			const result = await run();
			const usage = usageOf?.(result);
			settle({ ok: true, ...(usage ? { usage } : {}) });
			return result;
		} catch (e) {
			settle({ ok: false, error: e });
			throw e;
		} finally {
			this.options.onPaidRequestSettled?.();
		}
	}

	/** Tells the observer a paid call starts; the returned function settles it (once; never throws). */
	private startPaid(call: PaidCallInfo): (outcome: PaidCallOutcome) => void {
		const observer = this.options.paidCalls;
		if (observer === undefined) {
			return () => undefined;
		}
		const settle = observer.start({ ...call, feature: call.feature ?? featureOfRoute(call.route) });
		let done = false;
		return (outcome) => {
			if (!done) {
				done = true;
				settle(outcome);
			}
		};
	}

	private videoJob(json: unknown, route: string, knownId?: string): VideoJob {
		const { job, shape } = parseVideoJob(json, route, knownId);
		this.videoShape = shape;
		return job;
	}
}

/** Ids may contain `/` (provider-qualified models): encode each segment, keep the slashes. */
function encodePath(id: string): string {
	return id.split('/').map(encodeURIComponent).join('/');
}

function usageOfEvent(event: ChatStreamEvent): Usage | undefined {
	return event.type === 'usage' ? event.usage : undefined;
}

function usageOfBatch(batch: ChatEventBatch): Usage | undefined {
	let usage: Usage | undefined;
	for (const event of batch.events) {
		usage = usageOfEvent(event) ?? usage;
	}
	return usage;
}
