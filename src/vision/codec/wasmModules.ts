import { type RgbaImage } from './transform';

/** The WebAssembly files the codec uses; esbuild.mjs copies each next to the bundles (dist/). */
export type WasmFile = 'mozjpeg_dec.wasm' | 'mozjpeg_enc.wasm' | 'squoosh_png_bg.wasm' | 'webp_dec.wasm';

/**
 * Where the codec's WebAssembly comes from: the Node worker reads dist/<file>, a browser worker
 * would fetch it next to its script, tests read node_modules. Never the network.
 */
export type WasmLoader = (file: WasmFile) => Promise<Uint8Array>;

interface ImageDataLike {
	data: Uint8ClampedArray;
	width: number;
	height: number;
}

export interface JpegEncodeOptions {
	quality: number;
	baseline: boolean;
	arithmetic: boolean;
	progressive: boolean;
	optimize_coding: boolean;
	smoothing: number;
	color_space: number;
	quant_table: number;
	trellis_multipass: boolean;
	trellis_opt_zero: boolean;
	trellis_opt_table: boolean;
	trellis_loops: number;
	auto_subsample: boolean;
	chroma_subsample: number;
	separate_chroma_quality: boolean;
	chroma_quality: number;
}

interface JpegDecoderModule { decode(data: Uint8Array, preserveOrientation: boolean): ImageDataLike | null }
interface JpegEncoderModule { encode(data: Uint8Array, width: number, height: number, options: JpegEncodeOptions): Uint8Array }
interface WebpDecoderModule { decode(data: Uint8Array): ImageDataLike | null }
interface PngModule {
	decode(data: Uint8Array): ImageDataLike;
	encode(data: Uint8Array, width: number, height: number, bitDepth: number): Uint8Array;
	initSync(module: object): unknown;
}

/** The few WebAssembly calls used here (the project's `lib` has no WebAssembly declarations). */
interface WasmInstance { exports: object }
interface WasmApi {
	compile(bytes: Uint8Array): Promise<object>;
	Instance: new (module: object, imports: object) => WasmInstance;
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

type EmscriptenFactory<T> = (options: {
	noInitialRun: boolean;
	locateFile: (file: string) => string;
	print: (text: string) => void;
	printErr: (text: string) => void;
	instantiateWasm: (imports: object, done: (instance: WasmInstance) => void) => object;
}) => Promise<T>;

/** What libjpeg said during the last call (warnings such as "Premature end of JPEG file"). */
const messages: string[] = [];

async function emscripten<T>(factory: Promise<{ default: unknown }>, wasm: Promise<Uint8Array>): Promise<T> {
	const hadImageData = 'ImageData' in globalThis;
	const [{ default: create }, compiled] = await Promise.all([factory, wasm.then(bytes => wasmApi.compile(bytes))]);
	try {
		return await (create as EmscriptenFactory<T>)({
			noInitialRun: true,
			locateFile: file => file,
			print: text => messages.push(text),
			printErr: text => messages.push(text),
			instantiateWasm: (imports, done) => {
				const instance = new wasmApi.Instance(compiled, imports);
				done(instance);
				return instance.exports;
			},
		});
	} finally {
		// The Emscripten glue defines a global ImageData in Node; where the codec shares a thread, take it back.
		if (!hadImageData) {
			Reflect.deleteProperty(globalThis, 'ImageData');
		}
	}
}

/** One instance per module and loader, made on first use; a failed load is retried next time. */
function lazy<T>(make: (wasm: WasmLoader) => Promise<T>): (wasm: WasmLoader) => Promise<T> {
	let loaded: { wasm: WasmLoader; module: Promise<T> } | undefined;
	return wasm => {
		if (loaded?.wasm !== wasm) {
			const module = make(wasm);
			loaded = { wasm, module };
			module.catch(() => {
				if (loaded?.module === module) {
					loaded = undefined;
				}
			});
		}
		return loaded.module;
	};
}

const jpegDecoder = lazy(wasm => emscripten<JpegDecoderModule>(import('@jsquash/jpeg/codec/dec/mozjpeg_dec.js') as Promise<{ default: unknown }>, wasm('mozjpeg_dec.wasm')));
const jpegEncoder = lazy(wasm => emscripten<JpegEncoderModule>(import('@jsquash/jpeg/codec/enc/mozjpeg_enc.js') as Promise<{ default: unknown }>, wasm('mozjpeg_enc.wasm')));
const webpDecoder = lazy(wasm => emscripten<WebpDecoderModule>(import('@jsquash/webp/codec/dec/webp_dec.js') as Promise<{ default: unknown }>, wasm('webp_dec.wasm')));
const pngCodec = lazy(async wasm => {
	const hadImageData = 'ImageData' in globalThis;
	const [module, compiled] = await Promise.all([
		import('@jsquash/png/codec/pkg/squoosh_png.js') as Promise<unknown> as Promise<PngModule>,
		wasm('squoosh_png_bg.wasm').then(bytes => wasmApi.compile(bytes)),
	]);
	if (!hadImageData) {
		Reflect.deleteProperty(globalThis, 'ImageData'); // Defined on import in Node, as by the Emscripten glue.
	}
	module.initSync(compiled);
	return module;
});

/** mozjpeg (libjpeg-turbo) to RGBA, stored orientation; a truncated or corrupt stream fails instead of decoding to grey. */
export async function decodeJpegWasm(bytes: Uint8Array, wasm: WasmLoader): Promise<RgbaImage> {
	const module = await jpegDecoder(wasm);
	messages.length = 0;
	const decoded = withImageDataGlobal(() => module.decode(bytes, false));
	const damage = messages.find(text => /premature end|corrupt jpeg data|bogus|invalid/i.test(text));
	messages.length = 0;
	if (decoded === null || damage !== undefined) {
		throw new Error(damage ?? 'libjpeg could not decode the data');
	}
	return rgba(decoded);
}

export async function decodeWebpWasm(bytes: Uint8Array, wasm: WasmLoader): Promise<RgbaImage> {
	const module = await webpDecoder(wasm);
	const decoded = withImageDataGlobal(() => module.decode(bytes));
	if (decoded === null) {
		throw new Error('libwebp could not decode the data');
	}
	return rgba(decoded);
}

/** The Rust `png` crate: every colour type and bit depth to 8-bit RGBA. Callers bound the pixel data first (see pngGuard). */
export async function decodePngWasm(bytes: Uint8Array, wasm: WasmLoader): Promise<RgbaImage> {
	const module = await pngCodec(wasm);
	return rgba(withImageDataGlobal(() => module.decode(bytes)));
}

export async function encodeJpegWasm(image: RgbaImage, options: JpegEncodeOptions, wasm: WasmLoader): Promise<Uint8Array> {
	const module = await jpegEncoder(wasm);
	return module.encode(image.data, image.width, image.height, options);
}

export async function encodePngWasm(image: RgbaImage, wasm: WasmLoader): Promise<Uint8Array> {
	const module = await pngCodec(wasm);
	return module.encode(image.data, image.width, image.height, 8);
}

function rgba(image: ImageDataLike): RgbaImage {
	const { data, width, height } = image;
	return { width, height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

/** The decoders build their result with `new ImageData(…)`; lend a minimal one for the call when the thread has none. */
function withImageDataGlobal<T>(run: () => T): T {
	if ('ImageData' in globalThis) {
		return run();
	}
	Reflect.set(globalThis, 'ImageData', class ImageData {
		constructor(readonly data: Uint8ClampedArray, readonly width: number, readonly height: number) {}
	});
	try {
		return run();
	} finally {
		Reflect.deleteProperty(globalThis, 'ImageData');
	}
}
