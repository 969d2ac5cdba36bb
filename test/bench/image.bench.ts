/**
 * Image preparation: time and peak memory to turn a 12-megapixel JPEG and a 12-megapixel PNG
 * (generated) into what Analyze Image sends, the way the extension does it (the production
 * dist/imageCodecWorker.js in a worker thread: WebAssembly codecs, bounded PNG inflation), next to
 * the same work done by jimp (pure JS: decode, scale to fit 2048 px, JPEG quality 85). Each case
 * runs in a fresh Node process so its peak RSS (`process.resourceUsage().maxRSS`, worker
 * included) is its own. Run alone with `npx tsx test/bench/image.bench.ts` after `npm run build`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ImageCodec } from '../../src/vision/imageCodec';
import { nodeCodecWorkers } from '../../src/vision/nodeCodecWorker';
import { projectRoot } from '../host/hostPaths';
import { jpegOf, photo, pngOf } from '../unit/vision/fixtures';

/** Runs per process (the best counts: later runs reuse the warm worker, as a second analysis does). */
const ROUNDS = 2;
/** Fresh processes per engine and format, alternating engines, so a busy moment on the shared machine hits both. */
const REPEATS = 3;
type Engine = 'ours' | 'jimp';

export interface CaseFigures {
	/** Best run of a process; across processes, the median. */
	medianMs: number;
	/** CPU time of that run, every thread of the process (worker, zlib's pool, GC) added up: what a busy machine must find. */
	cpuMs: number;
	/** Peak RSS of the process minus its RSS before the work (modules loaded, file read). */
	peakExtraMB: number;
	outputBytes: number;
	outputSize: string;
}

export interface ImageBenchFigures {
	inputs: { jpegBytes: number; pngBytes: number };
	jpeg: Record<Engine, CaseFigures>;
	png: Record<Engine, CaseFigures>;
}

const workerScript = path.join(projectRoot, 'dist/imageCodecWorker.js');
let codec: ImageCodec | undefined;

async function work(engine: Engine, bytes: Uint8Array): Promise<{ bytes: number; size: string }> {
	if (engine === 'ours') {
		// One codec per process, as in the extension: later rounds reuse the idle worker.
		codec ??= new ImageCodec(nodeCodecWorkers(workerScript));
		const prepared = await codec.prepareImage(bytes.slice(), {}); // a copy of its own, as jimp's Buffer.from
		return { bytes: prepared.sent.bytes, size: `${prepared.sent.width}x${prepared.sent.height}` };
	}
	const { Jimp } = await import('jimp');
	const image = await Jimp.read(Buffer.from(bytes));
	image.scaleToFit({ w: 2048, h: 2048 });
	const out = await image.getBuffer('image/jpeg', { quality: 85 });
	return { bytes: out.length, size: `${image.width}x${image.height}` };
}

/** Child mode: one engine, one file, ROUNDS runs; prints the figures (best run) as JSON. */
async function child(engine: Engine, file: string): Promise<void> {
	const bytes = new Uint8Array(readFileSync(file));
	const baseline = process.memoryUsage().rss;
	const times: number[] = [];
	const cpu: number[] = [];
	let output = { bytes: 0, size: '' };
	for (let round = 0; round < ROUNDS; round++) {
		const started = performance.now();
		const cpuBefore = process.cpuUsage();
		output = await work(engine, bytes);
		times.push(performance.now() - started);
		const used = process.cpuUsage(cpuBefore);
		cpu.push((used.user + used.system) / 1000);
	}
	const peak = process.resourceUsage().maxRSS * 1024;
	const figures: CaseFigures = {
		medianMs: Math.min(...times),
		cpuMs: cpu[times.indexOf(Math.min(...times))],
		peakExtraMB: (peak - baseline) / 1024 / 1024,
		outputBytes: output.bytes,
		outputSize: output.size,
	};
	process.stdout.write(`${JSON.stringify(figures)}\n`);
}

function runCase(engine: Engine, file: string): CaseFigures {
	const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'test/bench/image.bench.ts'), '--child', engine, file], {
		cwd: projectRoot, encoding: 'utf8', maxBuffer: 1024 * 1024,
	});
	if (result.status !== 0) {
		throw new Error(`image bench child (${engine}) failed: ${result.stderr}`);
	}
	return JSON.parse(result.stdout.trim().split('\n').pop() ?? '') as CaseFigures;
}

/** The process whose time is the median; its memory and output go with it. */
function medianCase(runs: CaseFigures[]): CaseFigures {
	return [...runs].sort((a, b) => a.medianMs - b.medianMs)[Math.floor(runs.length / 2)];
}

export async function runImageBench(): Promise<ImageBenchFigures> {
	if (!existsSync(workerScript)) {
		throw new Error('dist/imageCodecWorker.js is missing: run `npm run build` (npm run bench builds it)');
	}
	const dir = mkdtempSync(path.join(os.tmpdir(), 'aipass-image-bench-'));
	try {
		const picture = photo(4000, 3000);
		const jpeg = jpegOf(picture, 90);
		const png = pngOf(picture, { rgb: true });
		const jpegFile = path.join(dir, 'photo-12mp.jpg');
		const pngFile = path.join(dir, 'photo-12mp.png');
		writeFileSync(jpegFile, jpeg);
		writeFileSync(pngFile, png);
		const figures: ImageBenchFigures = { inputs: { jpegBytes: jpeg.length, pngBytes: png.length }, jpeg: {} as ImageBenchFigures['jpeg'], png: {} as ImageBenchFigures['png'] };
		// Interleaved, so a slow moment on the shared machine does not fall on one engine only.
		for (const [kind, file] of [['jpeg', jpegFile], ['png', pngFile]] as const) {
			const runs: Record<Engine, CaseFigures[]> = { ours: [], jimp: [] };
			for (let repeat = 0; repeat < REPEATS; repeat++) {
				for (const engine of ['ours', 'jimp'] as const) {
					runs[engine].push(runCase(engine, file));
				}
			}
			figures[kind] = { ours: medianCase(runs.ours), jimp: medianCase(runs.jimp) };
		}
		return figures;
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

export function printImageBench(figures: ImageBenchFigures): void {
	const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
	const files = ['dist/imageCodecWorker.js', 'dist/mozjpeg_dec.wasm', 'dist/mozjpeg_enc.wasm', 'dist/squoosh_png_bg.wasm', 'dist/webp_dec.wasm'];
	const sizes = files.map(file => path.join(projectRoot, file)).filter(existsSync)
		.map(file => `${path.basename(file)} ${(statSync(file).size / 1024).toFixed(1)} KB`);
	if (sizes.length > 0) {
		console.log(`loaded in the worker on first use, never at activation: ${sizes.join(', ')}`);
	}
	console.log(`inputs: 4000x3000 JPEG ${mb(figures.inputs.jpegBytes)}, PNG ${mb(figures.inputs.pngBytes)} (best of ${ROUNDS} runs in a fresh process, median of ${REPEATS} processes per engine, engines alternating)`);
	for (const kind of ['jpeg', 'png'] as const) {
		const { ours, jimp } = figures[kind];
		const line = (name: string, f: CaseFigures) => `${name} ${f.medianMs.toFixed(0)} ms (cpu ${f.cpuMs.toFixed(0)} ms), peak +${f.peakExtraMB.toFixed(0)} MB RSS, out ${f.outputSize} ${(f.outputBytes / 1024).toFixed(0)} KB`;
		const speedup = jimp.medianMs / ours.medianMs;
		console.log(`${kind.toUpperCase().padEnd(4)} | ${line('AI Pass (worker)', ours)} | ${line('jimp', jimp)} | time ${(ours.medianMs / jimp.medianMs).toFixed(2)}x (${speedup.toFixed(1)}x faster, goal >= 3x), cpu ${(ours.cpuMs / jimp.cpuMs).toFixed(2)}x, memory ${(ours.peakExtraMB / jimp.peakExtraMB).toFixed(2)}x`);
	}
}

const args = process.argv.slice(2);
if (args[0] === '--child') {
	child(args[1] as Engine, args[2]).catch(error => {
		console.error(error);
		process.exitCode = 1;
	});
} else if (process.argv[1]?.endsWith('image.bench.ts')) {
	runImageBench().then(printImageBench, error => {
		console.error(error);
		process.exitCode = 1;
	});
}
