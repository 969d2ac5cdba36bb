/** `npm run bench`: every benchmark, figures and side-by-side ratios printed; nothing here passes or fails on time. */
import { statSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { projectRoot } from '../host/hostPaths';
import { runActivationBench } from './activation.bench';
import { printImageBench, runImageBench } from './image.bench';
import { describeRenderBench, runRenderBench } from './render.bench';
import { describeSseBench, runSseBench } from './sse.bench';
import { describeWorkbenchTimes, runWorkbenchTimes } from './workbenchTimes.bench';

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

function bundleSizes(): void {
	console.log('\n## Bundles (production build)');
	const size = (file: string) => {
		const bytes = readFileSync(path.join(projectRoot, file));
		return { raw: statSync(path.join(projectRoot, file)).size, gzip: gzipSync(bytes).length };
	};
	const row = (file: string, figures: { raw: number; gzip: number }, note = '') =>
		console.log(`${file.padEnd(26)} ${(figures.raw / 1024).toFixed(1).padStart(8)} KB   gzip ${(figures.gzip / 1024).toFixed(1).padStart(7)} KB${note}`);
	// The browser's web worker host (package.json#browser) next to the Node host's bundles, measured in the same run.
	// The Node host runs the image codec in a worker thread (dist/imageCodecWorker.js); the web host serves the
	// same codec inside its own worker (dist/web/imageCodec.js). Both load the same .wasm files on first use.
	// The Node host parses only dist/extension.js at activation; dist/features.js is required right after it.
	row('dist/extension.js', size('dist/extension.js'), '   (Node host: parsed at activation)');
	row('dist/features.js', size('dist/features.js'), '   (Node host: required on first use, right after activation)');
	for (const [web, node] of [['dist/web/extension.js', 'dist/features.js'], ['dist/web/imageCodec.js', 'dist/imageCodecWorker.js']]) {
		const [w, n] = [size(web), size(node)];
		if (node !== 'dist/features.js') {
			row(node, n);
		}
		row(web, w, `   web/node ${(w.raw / n.raw).toFixed(2)}x raw, ${(w.gzip / n.gzip).toFixed(2)}x gzip`);
	}
	row('dist/webview/chat.js', size('dist/webview/chat.js'), '   (same webview in both hosts)');
	row('dist/webview/usage.js', size('dist/webview/usage.js'), '   (usage panel)');
	for (const wasm of ['mozjpeg_dec.wasm', 'mozjpeg_enc.wasm', 'squoosh_png_bg.wasm', 'webp_dec.wasm']) {
		row(`dist/${wasm}`, size(`dist/${wasm}`), '   (loaded on first use)');
	}
}

async function main(): Promise<void> {
	const only = process.argv.slice(2);
	const wants = (name: string) => only.length === 0 || only.includes(name);
	if (wants('bundles')) {
		bundleSizes();
	}
	if (wants('sse')) {
		console.log('\n## SSE streaming (same recorded 5 MB stream, paired rounds, CPU time)');
		console.log(describeSseBench(await runSseBench()));
	}
	if (wants('image')) {
		console.log('\n## Image preparation for Analyze Image (12-megapixel JPEG and PNG) vs jimp');
		printImageBench(await runImageBench());
	}
	if (wants('render')) {
		console.log('\n## Chat rendering of a streamed answer (real webview bundle in headless Chromium, 20-50 character chunks, one frame each)');
		for (const line of describeRenderBench(await runRenderBench())) {
			console.log(line);
		}
	}
	if (wants('workbench')) {
		console.log('\n## Waiting in the real VS Code 1.139 web workbench (fresh workbench per round; references measured in the same workbench)');
		for (const line of describeWorkbenchTimes(await runWorkbenchTimes(3))) {
			console.log(line);
		}
	}
	if (wants('activation')) {
		console.log('\n## Activation in the real VS Code 1.139 web host (VS Code\'s Running Extensions view, 3 fresh workbenches)');
		// AIPASS_BENCH_BASELINE: a folder with another production build (e.g. the previous commit), measured in the same run.
		const figures = await runActivationBench(3, process.env.AIPASS_BENCH_BASELINE);
		const ours = median(figures.ours);
		const reference = median(figures.reference);
		console.log(`AI Pass ${figures.ours.join(', ')} ms (median ${ours}) | built-in GitHub Authentication ${figures.reference.join(', ')} ms (median ${reference}) | ratio ${(ours / reference).toFixed(2)}x`);
		if (figures.baseline) {
			const baseline = median(figures.baseline.ours);
			const baselineReference = median(figures.baseline.reference);
			console.log(`baseline build (${process.env.AIPASS_BENCH_BASELINE ?? ''}) ${figures.baseline.ours.join(', ')} ms (median ${baseline}) | GitHub Authentication beside it ${figures.baseline.reference.join(', ')} ms (median ${baselineReference}) | ratio ${(baseline / baselineReference).toFixed(2)}x | this build / baseline ${(ours / baseline).toFixed(2)}x`);
		}
	}
}

main().catch(error => {
	console.error(error);
	process.exitCode = 1;
});
