import { inflateSync } from 'node:zlib';
import { type Inflater } from './pngGuard';

/** Node's zlib in one call (about twice the speed of DecompressionStream's 16 KB pieces), stopping just past `limit`. */
export const nodeInflate: Inflater = async (compressed, limit, take) => {
	const input = compressed.length === 1 ? compressed[0] : Buffer.concat(compressed);
	let output: Buffer;
	try {
		output = inflateSync(input, { maxOutputLength: limit + 1 });
	} catch (error) {
		if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') {
			return limit + 1; // zlib stopped as soon as the output passed the limit
		}
		throw error;
	}
	if (output.length <= limit) {
		take(output);
	}
	return output.length;
};
