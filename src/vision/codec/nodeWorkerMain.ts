/**
 * Entry of dist/imageCodecWorker.js, run as a Node worker thread by src/vision/nodeCodecWorker.ts:
 * decoding happens here, never on the extension host's thread. The WebAssembly files sit next
 * to this bundle. A web worker entry would differ only in these lines (`self` and `fetch`).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parentPort } from 'node:worker_threads';
import { type CodecRequest } from './codecProtocol';
import { serveCodec } from './codecWorker';
import { nodeInflate } from './nodeInflate';

const port = parentPort;
if (port === null) {
	throw new Error('imageCodecWorker.js runs as a worker thread only');
}
serveCodec(
	{ postMessage: reply => port.postMessage(reply), onMessage: listener => port.on('message', (request: CodecRequest) => listener(request)) },
	async file => new Uint8Array(await readFile(path.join(__dirname, file))),
	nodeInflate,
);
