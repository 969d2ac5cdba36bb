/**
 * The worker side of the codec, the same for every kind of worker: it answers each request with
 * a prepared image or a failure. Only the entry file knows how messages arrive and where the
 * WebAssembly is (nodeWorkerMain.ts for a Node worker thread).
 */
import { type CodecFailure, type CodecReply, type CodecRequest } from './codecProtocol';
import { isImageInputError } from './imageErrors';
import { type Inflater } from './pngGuard';
import { prepareImage } from './prepareImage';
import { type WasmLoader } from './wasmModules';

export interface CodecPort {
	postMessage(reply: CodecReply): void;
	onMessage(listener: (request: CodecRequest) => void): void;
}

export function serveCodec(port: CodecPort, wasm: WasmLoader, inflate?: Inflater): void {
	port.onMessage(request => {
		prepareImage(request.bytes, { ...request.limits, wasm, inflate }).then(
			image => port.postMessage({ id: request.id, ok: true, image }),
			(error: unknown) => port.postMessage({ id: request.id, ok: false, error: toFailure(error) }),
		);
	});
}

function toFailure(error: unknown): CodecFailure {
	if (isImageInputError(error)) {
		return { name: error.name, message: error.message, problem: error.problem };
	}
	return error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) };
}
