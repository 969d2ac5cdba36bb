import { randomBytes } from 'node:crypto';
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { type ParsedBody, isRecord } from './body';
import { type EmulatorState } from './state';
import { type TokenRecord } from './tokenStore';
import { type LogEntry } from './types';

/** One request as every handler sees it. */
export interface Ctx {
	readonly req: IncomingMessage;
	readonly res: ServerResponse;
	readonly method: string;
	readonly path: string;
	readonly query: URLSearchParams;
	readonly body: ParsedBody;
	/** The emulator's own origin, e.g. `http://127.0.0.1:41234`. */
	readonly origin: string;
	readonly state: EmulatorState;
	/** Null for admin requests, which are not logged. */
	readonly log: LogEntry | null;
}

/** A resource-API request after authentication and routing. */
export interface ResourceCall {
	readonly token: TokenRecord;
	/** The route as LiteLLM names it in errors, e.g. `/chat/completions`. */
	readonly route: string;
	/** Path parameters, e.g. the video id. */
	readonly params: readonly string[];
}

export type HeaderMap = Record<string, string | number>;

/** Writes a whole response once; later calls (after an abort or a fault) are ignored. */
export function send(ctx: Ctx, status: number, headers: HeaderMap, body?: string | Buffer): void {
	if (ctx.res.headersSent || ctx.res.destroyed) {
		return;
	}
	markStatus(ctx, status);
	ctx.res.writeHead(status, headers);
	ctx.res.end(body);
}

/** Records the status in the request log (streaming handlers call this before writeHead). */
export function markStatus(ctx: Ctx, status: number): void {
	if (ctx.log) {
		ctx.log.status = status;
	}
}

export function sendJson(ctx: Ctx, status: number, value: unknown, headers: HeaderMap = {}): void {
	send(ctx, status, { 'Content-Type': 'application/json; charset=utf-8', ...headers }, JSON.stringify(value));
}

export function sendHtml(ctx: Ctx, status: number, html: string): void {
	send(ctx, status, {
		'Content-Type': 'text/html; charset=utf-8',
		'Cache-Control': 'no-store',
		'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
		'X-Frame-Options': 'DENY',
	}, html);
}

export function redirect(ctx: Ctx, location: string): void {
	send(ctx, 302, { Location: location, 'Cache-Control': 'no-store', 'Content-Length': 0 });
}

/** The LiteLLM error envelope: `{"error":{message,type,param,code}}`, `code` a string. */
export function liteLlmError(status: number, message: string, type: string, param: string | null = null): unknown {
	return { error: { message, type, param, code: String(status) } };
}

export function sendLiteLlmError(ctx: Ctx, status: number, message: string, type: string, headers: HeaderMap = {}): void {
	sendJson(ctx, status, liteLlmError(status, message, type), headers);
}

export function sendInvalidRequest(ctx: Ctx, message: string): void {
	sendLiteLlmError(ctx, 400, message, 'invalid_request_error');
}

export function sendNotFound(ctx: Ctx, message = 'Not found'): void {
	sendLiteLlmError(ctx, 404, message, 'not_found');
}

/** The AI Pass front-layer envelope for errors. */
export function aipassError(message: string, error: string): unknown {
	return { success: false, message, error, timestamp: new Date().toISOString() };
}

/** The JSON object body of a request, or null (also for arrays, scalars and non-JSON bodies). */
export function jsonObject(ctx: Ctx): Record<string, unknown> | null {
	return ctx.body.kind === 'json' && isRecord(ctx.body.value) ? ctx.body.value : null;
}

export function nowSeconds(): number {
	return Math.floor(Date.now() / 1000);
}

/** A random base64url id of `bytes` random bytes. */
export function randomId(bytes = 12): string {
	return randomBytes(bytes).toString('base64url');
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
