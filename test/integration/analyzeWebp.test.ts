import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { base64ToBytes } from '../../src/api/bytes';
import type { AnalyzeImageOptions, AnalyzeImageResult } from '../../src/vision/analyzeOptions';
import { admin, signInFresh } from './helpers';
import { hostInfo } from './hostInfo';

/** A 64x48 lossy WebP (four colour quadrants), made with @jsquash/webp's encoder; inline so the web pass needs no node:fs. */
const WEBP = base64ToBytes('UklGRoQAAABXRUJQVlA4IHgAAADQBQCdASpAADAAPjESh0KiIQyqABABglAGYqtn8A/ADYQ+AfgB+qv8rr/wHie9+JmWzJdW6VAAAP73ohBUYAb7K+TZOTk/4TqTzHkmxX/3zSw5RNEb7/6A5od/AJFcicFUkEQX/bEn//8u2MBfdQ6Oc5MQUKhQAAA=');

describe(`analyze image: the lazily loaded codec and libwebp's WebAssembly in this host (${hostInfo().kind})`, function () {
	this.timeout(120_000);

	// Every image is decoded before it is sent (size, orientation, alpha): a WebP the codec cannot decode
	// fails the command ("looks like a WEBP image but cannot be decoded"), so "done" means libwebp ran here.
	it('decodes a WebP from the workspace and sends it at its own size', async () => {
		await signInFresh();
		await admin().clearRequests();
		const root = vscode.workspace.workspaceFolders?.[0]?.uri;
		assert.ok(root, 'the runner opens a workspace folder');
		const uri = vscode.Uri.joinPath(root, 'analyze-webp', 'quadrants.webp');
		await vscode.workspace.fs.writeFile(uri, WEBP);
		try {
			const options: AnalyzeImageOptions = { preset: 'describe' };
			const result = await vscode.commands.executeCommand<AnalyzeImageResult>('aipass.analyzeImage', uri, options);
			assert.equal(result.status, 'done', JSON.stringify(result));
			const [request] = await admin().requests({ path: '/chat/completions' });
			const [image] = request?.images ?? [];
			assert.ok(image, 'the request carried the image');
			assert.equal(image.declaredMime, `image/${image.format}`);
			assert.deepEqual([image.width, image.height], [64, 48]);
		} finally {
			await vscode.commands.executeCommand('workbench.action.closeAllEditors');
			await vscode.workspace.fs.delete(vscode.Uri.joinPath(root, 'analyze-webp'), { recursive: true, useTrash: false });
		}
	});
});
