/**
 * A module-local `Buffer` for the web worker test bundle (esbuild `inject`, never a global: the
 * extension shares the worker's globals and must work without one). jpeg-js's encoder, used by the
 * image fixtures, ends with `Buffer.from(bytes)`; that is all it needs.
 */
export const Buffer = { from: (bytes: ArrayLike<number>): Uint8Array => Uint8Array.from(bytes) };
