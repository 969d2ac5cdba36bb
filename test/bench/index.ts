/** `npm run bench`: every benchmark, figures and side-by-side ratios printed; nothing here passes or fails on time. */
import { statSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { projectRoot } from '../host/hostPaths';
import { runActivationBench } from './activation.bench';
import { printImageBench, runImageBench } from './image.bench';
import { describeRenderBench, runRenderBench } from './render.bench';
import { runSseBench } from './sse.bench';
import { describeWorkbenchTimes, runWorkbenchTimes } from './workbenchTimes.bench';

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

function bundleSizes(): void {
	console.log('\n## Bundles (production build)');
	for (const file of ['dist/extension.js', 'dist/webview/chat.js']) {
		const full = path.join(projectRoot, file);
		const bytes = statSync(full).size;
		const gzip = gzipSync(readFileSync(full)).length;
		console.log(`${file.padEnd(24)} ${(bytes / 1024).toFixed(1).padStart(8)} KB   gzip ${(gzip / 1024).toFixed(1).padStart(7)} KB`);
	}
}

async function main(): Promise<void> {
	const only = process.argv.slice(2);
	const wants = (name: string) => only.length === 0 || only.includes(name);
	if (wants('bundles')) {
		bundleSizes();
	}
	if (wants('sse')) {
		console.log('\n## SSE streaming (same recorded 5 MB stream, interleaved rounds)');
		const sse = await runSseBench();
		console.log(`raw eventsource-parser ${sse.rawMBps.toFixed(1)} MB/s | client parseChatStream ${sse.clientMBps.toFixed(1)} MB/s | ratio ${sse.ratio.toFixed(2)}x (goal >= 0.90x)`);
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
		const figures = await runActivationBench(3);
		const ours = median(figures.ours);
		const reference = median(figures.reference);
		console.log(`AI Pass ${figures.ours.join(', ')} ms (median ${ours}) | built-in GitHub Authentication ${figures.reference.join(', ')} ms (median ${reference}) | ratio ${(ours / reference).toFixed(2)}x`);
	}
}

main().catch(error => {
	console.error(error);
	process.exitCode = 1;
});
