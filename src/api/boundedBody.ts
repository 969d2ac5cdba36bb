/** Body readers that never hold more than a cap in memory. No errors of their own: callers decide. */

/** The declared `Content-Length`, when there is a valid one. */
export function declaredLength(response: Response): number | undefined {
	const header = response.headers.get('content-length')?.trim();
	return header !== undefined && /^\d{1,20}$/.test(header) ? Number(header) : undefined;
}

/**
 * Reads the whole body, calling `onChunk` for each chunk. Returns `undefined` (and cancels the body)
 * as soon as more than `maxBytes` arrived.
 */
export async function readAtMost(body: ReadableStream<Uint8Array>, maxBytes: number, onChunk?: () => void): Promise<Uint8Array | undefined> {
	const reader = body.getReader();
	const chunks: Uint8Array[] = [];
	let total = 0;
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) {
				break;
			}
			onChunk?.();
			total += value.byteLength;
			if (total > maxBytes) {
				await reader.cancel().catch(() => undefined);
				return undefined;
			}
			chunks.push(value);
		}
	} finally {
		reader.releaseLock();
	}
	return concat(chunks, total);
}

/** The first `maxBytes` of the body (the rest is cancelled unread). */
export async function readPrefix(response: Response, maxBytes: number): Promise<Uint8Array> {
	if (response.body === null) {
		return new Uint8Array(0);
	}
	const reader = response.body.getReader();
	const chunks: Uint8Array[] = [];
	let total = 0;
	try {
		while (total < maxBytes) {
			const { done, value } = await reader.read();
			if (done) {
				return concat(chunks, total);
			}
			const part = value.byteLength > maxBytes - total ? value.subarray(0, maxBytes - total) : value;
			chunks.push(part);
			total += part.byteLength;
		}
		await reader.cancel().catch(() => undefined);
	} finally {
		reader.releaseLock();
	}
	return concat(chunks, total);
}

function concat(chunks: readonly Uint8Array[], total: number): Uint8Array {
	if (chunks.length === 1) {
		return chunks[0];
	}
	const bytes = new Uint8Array(total);
	let offset = 0;
	for (const chunk of chunks) {
		bytes.set(chunk, offset);
		offset += chunk.byteLength;
	}
	return bytes;
}
