import * as vscode from 'vscode';
import type * as CodecWorkerModule from './codec/codecWorker';
import type { CodecRequest } from './codec/codecProtocol';
import type { WasmFile } from './codec/wasmModules';
import { ImageCodec, type SpawnCodecWorker } from './imageCodec';
import { loadOnce } from './loadOnce';

/**
 * The web worker extension host's image codec, picked instead of ./codecLoader.ts by the browser build
 * (esbuild.mjs resolves `./x` to `./x.web.ts` where one exists). Same export.
 *
 * That host is itself a worker, off the window's thread, and its `require` resolves only `vscode`: the
 * codec bundle (dist/web/imageCodec.js, CommonJS, built for the browser from codec/codecWorker.ts) is
 * read through `vscode.workspace.fs` from the extension's own folder on first use and evaluated here,
 * the way that host loads the extension's main module. It serves requests in this worker through the
 * same `serveCodec` as the Node worker thread, so decoding is bounded the same way (by the header, and
 * the PNG inflation stops at the declared size). What differs: Cancel drops the answer instead of
 * stopping the decoder mid-way, and the WebAssembly is read through `workspace.fs` when first needed.
 */
type CodecWorker = typeof CodecWorkerModule;

/** A bundle's text can only be as large as the shipped codec plus margin; anything bigger is not ours. */
const MAX_CODEC_BYTES = 4 * 1024 * 1024;
/** The largest shipped WebAssembly file is ~250 KB. */
const MAX_WASM_BYTES = 8 * 1024 * 1024;

export function createImageCodec(extensionUri: vscode.Uri): ImageCodec {
	const codec = loadOnce(() => evaluateCodec(vscode.Uri.joinPath(extensionUri, 'dist', 'web', 'imageCodec.js')));
	const wasm = async (file: WasmFile): Promise<Uint8Array> => readBounded(vscode.Uri.joinPath(extensionUri, 'dist', file), MAX_WASM_BYTES);
	return new ImageCodec(inThisWorker(codec, wasm));
}

function inThisWorker(codec: () => Promise<CodecWorker>, wasm: (file: WasmFile) => Promise<Uint8Array>): SpawnCodecWorker {
	return events => {
		let ended = false;
		let listener: ((request: CodecRequest) => void) | undefined;
		const waiting: CodecRequest[] = [];
		codec().then(module => {
			module.serveCodec({
				postMessage: reply => {
					if (!ended) {
						events.reply(reply);
					}
				},
				onMessage: serve => {
					listener = serve;
					waiting.splice(0).forEach(serve);
				},
			}, wasm);
		}, (error: unknown) => events.failure(error instanceof Error ? error : new Error(String(error))));
		return {
			post: request => (listener ? listener(request) : waiting.push(request)),
			terminate: () => {
				ended = true;
			},
			keepAlive: () => undefined,
		};
	};
}

async function readBounded(uri: vscode.Uri, limit: number): Promise<Uint8Array> {
	const bytes = await vscode.workspace.fs.readFile(uri);
	if (bytes.byteLength > limit) {
		throw new Error(`${uri.path} is ${bytes.byteLength} bytes, over the ${limit} limit`);
	}
	return bytes;
}

async function evaluateCodec(uri: vscode.Uri): Promise<CodecWorker> {
	const bytes = await readBounded(uri, MAX_CODEC_BYTES);
	const source = `${new TextDecoder().decode(bytes)}\n//# sourceURL=${uri.toString(true)}`;
	const module: { exports: unknown } = { exports: {} };
	// The extension's own file, read from its install folder: the same trust as the main bundle,
	// which this host evaluates with `new Function` too.
	const init = new Function('module', 'exports', source) as (module: { exports: unknown }, exports: unknown) => void;
	init(module, module.exports);
	return module.exports as CodecWorker;
}
