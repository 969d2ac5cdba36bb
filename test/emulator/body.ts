import { type LoggedPart } from './types';

export interface MultipartPart extends LoggedPart {
	/** File bytes; null for text fields. */
	data: Buffer | null;
}

/** A request body, parsed once before routing. */
export type ParsedBody =
	| { kind: 'none' }
	/** `declared` is false when the body parsed as JSON without a JSON content type. */
	| { kind: 'json'; value: unknown; declared: boolean }
	| { kind: 'invalidJson'; bytes: number }
	| { kind: 'form'; params: URLSearchParams }
	| { kind: 'multipart'; parts: MultipartPart[] }
	| { kind: 'invalidMultipart'; bytes: number }
	| { kind: 'other'; bytes: number };

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The first text field of that name in a multipart body. */
export function multipartField(parts: readonly MultipartPart[], name: string): string | undefined {
	return parts.find((part) => part.name === name && part.data === null)?.value;
}

/** The media type of a Content-Type header, lower-cased, without parameters. */
export function mediaType(header: string | undefined): string {
	return (header ?? '').split(';')[0].trim().toLowerCase();
}

export async function parseBody(contentType: string | undefined, raw: Buffer): Promise<ParsedBody> {
	if (raw.length === 0) {
		return { kind: 'none' };
	}
	const type = mediaType(contentType);
	if (type === 'application/json' || type.endsWith('+json')) {
		const value = tryJson(raw);
		return value.ok ? { kind: 'json', value: value.value, declared: true } : { kind: 'invalidJson', bytes: raw.length };
	}
	if (type === 'application/x-www-form-urlencoded') {
		return { kind: 'form', params: new URLSearchParams(raw.toString('utf8')) };
	}
	if (type === 'multipart/form-data') {
		const parts = await parseMultipart(contentType ?? '', raw);
		return parts ? { kind: 'multipart', parts } : { kind: 'invalidMultipart', bytes: raw.length };
	}
	// LiteLLM reads JSON bodies whatever the content type says.
	const value = tryJson(raw);
	return value.ok ? { kind: 'json', value: value.value, declared: false } : { kind: 'other', bytes: raw.length };
}

/** The body as the request log shows it. */
export function summarizeBody(body: ParsedBody): unknown {
	switch (body.kind) {
		case 'none':
			return null;
		case 'json':
			return body.value;
		case 'form':
			return formObject(body.params);
		case 'multipart':
			return body.parts.map(({ data: _data, ...summary }) => summary);
		default:
			return body.bytes;
	}
}

/** Query strings and form bodies as an object; repeated keys become arrays. */
export function formObject(params: URLSearchParams): Record<string, string | string[]> {
	const result: Record<string, string | string[]> = {};
	for (const [key, value] of params) {
		const existing = result[key];
		result[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
	}
	return result;
}

function tryJson(raw: Buffer): { ok: true; value: unknown } | { ok: false } {
	try {
		return { ok: true, value: JSON.parse(raw.toString('utf8')) as unknown };
	} catch {
		return { ok: false };
	}
}

async function parseMultipart(contentType: string, raw: Buffer): Promise<MultipartPart[] | null> {
	let form: FormData;
	try {
		const request = new Request('http://emulator.invalid/', { method: 'POST', headers: { 'content-type': contentType }, body: raw });
		form = await request.formData();
	} catch {
		return null;
	}
	const parts: MultipartPart[] = [];
	for (const [name, value] of form.entries()) {
		if (typeof value === 'string') {
			parts.push({ name, filename: null, type: null, size: Buffer.byteLength(value), value, data: null });
		} else {
			const data = Buffer.from(await value.arrayBuffer());
			parts.push({ name, filename: value.name, type: value.type || null, size: data.length, data });
		}
	}
	return parts;
}
