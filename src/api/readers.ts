import { declaredLength, readAtMost } from './boundedBody';
import { InvalidResponseError, ResponseTooLargeError } from './errors';
import { type BinaryData } from './types';

/**
 * Body readers for `Transport.call`. `body()` reads the whole body under the call's cap (refusing a
 * larger `Content-Length` before reading, and stopping as soon as the stream passes the cap). Read
 * failures (abort, reset) propagate for the scope to classify.
 */
export type BodyReader<T> = (response: Response, body: () => Promise<Uint8Array>) => Promise<T>;

/** The whole body, at most `maxBytes`; `onChunk` hears each chunk (the idle clock). */
export async function readCapped(response: Response, route: string, maxBytes: number, onChunk?: () => void): Promise<Uint8Array> {
	const declared = declaredLength(response);
	if (declared !== undefined && declared > maxBytes) {
		await response.body?.cancel().catch(() => undefined);
		throw new ResponseTooLargeError(`${route}: Content-Length ${declared} is over the limit of ${maxBytes} bytes`, maxBytes);
	}
	if (response.body === null) {
		return new Uint8Array(0);
	}
	const bytes = await readAtMost(response.body, maxBytes, onChunk);
	if (bytes === undefined) {
		throw new ResponseTooLargeError(`${route}: the answer grew past the limit of ${maxBytes} bytes`, maxBytes);
	}
	return bytes;
}

export function readJson(route: string): BodyReader<unknown> {
	return async (_response, body) => {
		const text = new TextDecoder().decode(await body());
		try {
			return JSON.parse(text);
		} catch (e) {
			throw new InvalidResponseError(`${route}: the answer is not JSON (${text.length} characters)`, { cause: e });
		}
	};
}

export const readText: BodyReader<string> = async (_response, body) => new TextDecoder().decode(await body());

export function readBinary(fallbackMime: string): BodyReader<BinaryData> {
	return async (response, body) => {
		const data = await body();
		const mime = response.headers.get('content-type')?.split(';')[0].trim() || fallbackMime;
		return { data, mime };
	};
}
