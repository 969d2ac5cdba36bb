import * as vscode from 'vscode';
import type * as CodecModule from './codec/prepareImage';
import { loadOnce } from './loadOnce';

/**
 * The web worker extension host's image codec loader, picked instead of ./codecLoader.ts by the
 * browser build (esbuild.mjs resolves `./x` to `./x.web.ts` where one exists). Same exports.
 *
 * The worker's `require` resolves only `vscode`, and there is no Node worker to hand the work to, so
 * the codec bundle (dist/web/imageCodec.js, CommonJS, built for the browser) is read through
 * `vscode.workspace.fs` from the extension's own folder on first use and evaluated here, in the
 * extension host worker itself, the way that host loads the extension's main module. libwebp's
 * WebAssembly is read the same way, only when a WebP is analyzed.
 */
export type Codec = typeof CodecModule;

/** package.json publisher.name. */
const EXTENSION_ID = 'aipass.aipass-vscode';

/** The codec module, read and evaluated on the first call only (again after a failed attempt). */
export const loadCodec: () => Promise<Codec> = loadOnce(async () => evaluateCodec(vscode.Uri.joinPath(ownExtensionUri(), 'dist', 'web', 'imageCodec.js')));

export function webpWasm(extensionUri: vscode.Uri): () => Promise<Uint8Array> {
	return () => Promise.resolve(vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'dist', 'webp_dec.wasm')));
}

/** A bundle's text can only be as large as the shipped codec plus margin; anything bigger is not ours. */
const MAX_CODEC_BYTES = 4 * 1024 * 1024;

async function evaluateCodec(uri: vscode.Uri): Promise<Codec> {
	const bytes = await vscode.workspace.fs.readFile(uri);
	if (bytes.byteLength > MAX_CODEC_BYTES) {
		throw new Error(`the image codec bundle is ${bytes.byteLength} bytes, over the ${MAX_CODEC_BYTES} limit`);
	}
	const source = `${new TextDecoder().decode(bytes)}\n//# sourceURL=${uri.toString(true)}`;
	const module: { exports: unknown } = { exports: {} };
	// The extension's own file, read from its install folder: the same trust as the main bundle,
	// which this host evaluates with `new Function` too.
	const init = new Function('module', 'exports', source) as (module: { exports: unknown }, exports: unknown) => void;
	init(module, module.exports);
	return module.exports as Codec;
}

/** This extension's install folder, in whichever scheme this host reads it (vscode-remote, https...). */
function ownExtensionUri(): vscode.Uri {
	const own = vscode.extensions.getExtension(EXTENSION_ID);
	if (own === undefined) {
		throw new Error(`extension ${EXTENSION_ID} is not visible to its own host`);
	}
	return own.extensionUri;
}
