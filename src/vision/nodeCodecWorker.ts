import { Worker } from 'node:worker_threads';
import type { CodecReply } from './codec/codecProtocol';
import type { CodecWorker, CodecWorkerEvents, SpawnCodecWorker } from './imageCodec';

/**
 * The Node extension host's way to run the codec: a worker thread on dist/imageCodecWorker.js
 * (which reads its WebAssembly from the same folder). The only Node-specific file on the host
 * side; a browser host would pass a spawn that starts a web worker instead.
 */
export function nodeCodecWorkers(script: string): SpawnCodecWorker {
	return (events: CodecWorkerEvents): CodecWorker => {
		const worker = new Worker(script);
		let ended = false;
		worker.on('message', (reply: CodecReply) => events.reply(reply));
		worker.on('error', error => events.failure(error));
		worker.on('exit', code => {
			if (!ended) {
				events.failure(new Error(`the worker exited (code ${code})`));
			}
		});
		return {
			// The bytes move to the worker instead of being copied, when they own their whole buffer.
			post: request => worker.postMessage(request, ownsBuffer(request.bytes) ? [request.bytes.buffer] : []),
			terminate: () => {
				ended = true;
				void worker.terminate();
			},
			keepAlive: alive => (alive ? worker.ref() : worker.unref()),
		};
	};
}

function ownsBuffer(bytes: Uint8Array): bytes is Uint8Array<ArrayBuffer> {
	return bytes.buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
}
