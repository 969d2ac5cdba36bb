import { createInflate } from 'node:zlib';
import { type Inflater } from './pngGuard';

/**
 * Node's zlib, inflating on libuv's thread pool in 1 MB pieces while this thread unfilters and
 * scales the pieces before (each is handed on from a setImmediate, so the next piece is already
 * being inflated): decode and inflate overlap. Stops at the first piece past `limit`.
 */
export const nodeInflate: Inflater = (compressed, limit, take) => new Promise<number>((resolve, reject) => {
	const inflate = createInflate({ chunkSize: 1 << 20 });
	const queue: Buffer[] = [];
	let total = 0;
	let ended = false;
	let settled = false;
	let scheduled = false;
	const finish = (outcome: () => void) => {
		if (!settled) {
			settled = true;
			inflate.destroy();
			outcome();
		}
	};
	const drain = () => {
		scheduled = false;
		try {
			for (let piece = queue.shift(); piece !== undefined && !settled; piece = queue.shift()) {
				take(piece);
			}
		} catch (error) {
			finish(() => reject(error));
			return;
		}
		if (ended) {
			finish(() => resolve(total));
		}
	};
	const schedule = () => {
		if (!scheduled) {
			scheduled = true;
			setImmediate(drain);
		}
	};
	inflate.on('data', (piece: Buffer) => {
		total += piece.length;
		if (total > limit) {
			finish(() => resolve(total));
			return;
		}
		queue.push(piece);
		schedule();
	});
	inflate.on('end', () => {
		ended = true;
		schedule();
	});
	inflate.on('error', error => finish(() => reject(error)));
	for (const chunk of compressed) {
		inflate.write(chunk);
	}
	inflate.end();
});
