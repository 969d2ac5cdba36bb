import * as vscode from 'vscode';
import type * as CodecModule from './codec/prepareImage';

export type Codec = typeof CodecModule;

let loading: Promise<Codec> | undefined;

/**
 * The image codec (decoders, resampler, encoders: ~80 KB minified) is a bundle of its own,
 * dist/imageCodec.js, required here on first use so activation never parses it. esbuild.mjs maps
 * this import to that file; under tsx (unit tests) it is the source module.
 */
export function loadCodec(): Promise<Codec> {
	if (loading === undefined) {
		const attempt = import('./codec/prepareImage');
		loading = attempt;
		attempt.catch(() => {
			if (loading === attempt) {
				loading = undefined;
			}
		});
	}
	return loading;
}

/** libwebp's WebAssembly, copied next to the bundles by esbuild.mjs; read only when a WebP is analyzed. */
export function webpWasm(extensionUri: vscode.Uri): () => Promise<Uint8Array> {
	return () => Promise.resolve(vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'dist', 'webp_dec.wasm')));
}
