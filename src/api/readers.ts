import { InvalidResponseError } from './errors';
import { type BinaryData } from './types';

/** Body readers for `Transport.call`. Read failures (abort, reset) propagate for the scope to classify. */

export function readJson(route: string): (response: Response) => Promise<unknown> {
	return async (response) => {
		const text = await response.text();
		try {
			return JSON.parse(text);
		} catch (e) {
			throw new InvalidResponseError(`${route}: the answer is not JSON (${text.length} characters)`, { cause: e });
		}
	};
}

export function readText(response: Response): Promise<string> {
	return response.text();
}

export function readBinary(fallbackMime: string): (response: Response) => Promise<BinaryData> {
	return async (response) => {
		const data = new Uint8Array(await response.arrayBuffer());
		const mime = response.headers.get('content-type')?.split(';')[0].trim() || fallbackMime;
		return { data, mime };
	};
}
