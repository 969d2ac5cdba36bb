import { type RgbaImage } from './transform';

/** Where the WebP decoder's WebAssembly comes from: the host reads it from the extension, tests from node_modules. */
export type WasmSource = () => Promise<Uint8Array>;

interface DecodedImageData {
	data: Uint8ClampedArray;
	width: number;
	height: number;
}

interface WebpModule {
	decode(data: Uint8Array): DecodedImageData | null;
}

/** The few WebAssembly calls used here (the project's `lib` has no WebAssembly declarations). */
interface WasmInstance { exports: object }
interface WasmApi {
	compile(bytes: Uint8Array): Promise<object>;
	Instance: new (module: object, imports: object) => WasmInstance;
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

type ModuleFactory = (options: {
	noInitialRun: boolean;
	instantiateWasm: (imports: object, done: (instance: WasmInstance) => void) => object;
}) => Promise<WebpModule>;

let loaded: { source: WasmSource; module: Promise<WebpModule> } | undefined;

/**
 * libwebp compiled to WebAssembly (Squoosh's build, packaged as @jsquash/webp), instantiated from
 * bytes we hand it, so it never fetches anything. Loaded on the first WebP only.
 */
export async function decodeWebp(bytes: Uint8Array, wasm: WasmSource): Promise<RgbaImage> {
	if (loaded?.source !== wasm) {
		loaded = { source: wasm, module: instantiate(wasm) };
		loaded.module.catch(() => { loaded = undefined; });
	}
	const module = await loaded.module;
	const decoded = withImageDataGlobal(() => module.decode(bytes));
	if (decoded === null) {
		throw new Error('libwebp could not decode the data');
	}
	return { width: decoded.width, height: decoded.height, data: new Uint8Array(decoded.data.buffer, decoded.data.byteOffset, decoded.data.byteLength) };
}

async function instantiate(wasm: WasmSource): Promise<WebpModule> {
	const hadImageData = 'ImageData' in globalThis;
	const [{ default: factory }, compiled] = await Promise.all([
		import('@jsquash/webp/codec/dec/webp_dec.js') as Promise<{ default: unknown }>,
		wasm().then(bytes => wasmApi.compile(bytes)),
	]);
	try {
		return await (factory as ModuleFactory)({
			noInitialRun: true,
			instantiateWasm: (imports, done) => {
				const instance = new wasmApi.Instance(compiled, imports);
				done(instance);
				return instance.exports;
			},
		});
	} finally {
		// The Emscripten glue defines a global ImageData in Node; the extension host is shared, so take it back.
		if (!hadImageData) {
			Reflect.deleteProperty(globalThis, 'ImageData');
		}
	}
}

/** The decoder builds its result with `new ImageData(…)`; lend it a minimal one for the call when the host has none. */
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
