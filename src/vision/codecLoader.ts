import * as vscode from 'vscode';
import { ImageCodec } from './imageCodec';
import { nodeCodecWorkers } from './nodeCodecWorker';

/**
 * The image codec for this extension host: dist/imageCodecWorker.js in a Node worker thread, with
 * its WebAssembly beside it in dist/. Nothing is loaded until the first image is prepared, so
 * activation never pays for the decoders. A browser build swaps this one function for a spawn
 * that starts a web worker on its own bundle (see the README's Development notes).
 */
export function createImageCodec(extensionUri: vscode.Uri): ImageCodec {
	return new ImageCodec(nodeCodecWorkers(vscode.Uri.joinPath(extensionUri, 'dist', 'imageCodecWorker.js').fsPath));
}
