import { type Ctx, markStatus } from './http';
import { type FaultSpec } from './types';

const CHUNK = new Uint8Array(64 * 1024).fill(0x20); // spaces: valid JSON whitespace, never a value

/**
 * The `hugeBody` fault: `bytes` of body (chunked, so no Content-Length) or, with `contentLength`, a
 * header that says that many. A header that promises more than `bytes` is a lie: after `bytes` the
 * socket stays open and silent (a stalled body). Written with backpressure; stops when the client goes.
 */
export async function sendHugeBody(ctx: Ctx, fault: Extract<FaultSpec, { kind: 'hugeBody' }>): Promise<void> {
	const status = fault.status ?? 200;
	markStatus(ctx, status);
	const { res } = ctx;
	res.writeHead(status, {
		'Content-Type': 'application/json',
		...(fault.contentLength === undefined ? {} : { 'Content-Length': String(fault.contentLength) }),
	});
	let sent = 0;
	while (sent < fault.bytes && !res.destroyed) {
		const size = Math.min(CHUNK.byteLength, fault.bytes - sent);
		sent += size;
		if (!res.write(CHUNK.subarray(0, size))) {
			await new Promise<void>((resolve) => {
				const done = (): void => {
					res.off('drain', done);
					res.off('close', done);
					resolve();
				};
				res.on('drain', done);
				res.on('close', done);
			});
		}
	}
	if (fault.contentLength === undefined || fault.contentLength <= sent) {
		res.end();
	}
}
