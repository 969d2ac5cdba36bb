/**
 * `node:fs` in the web worker test bundle: the host has no Node file system, so every call says so.
 * Tests that need it are listed in ./index.ts (NODE_HOST_ONLY) and run in the Node pass only.
 */
function unavailable(name: string): () => never {
	return () => {
		throw new Error(`node:fs ${name} is not available in the web worker extension host`);
	};
}

export const readFileSync = unavailable('readFileSync');
export const openSync = unavailable('openSync');
export const closeSync = unavailable('closeSync');
export const ftruncateSync = unavailable('ftruncateSync');
export const truncateSync = unavailable('truncateSync');
export const readdirSync = unavailable('readdirSync');
export const statSync = unavailable('statSync');
export const appendFileSync = unavailable('appendFileSync');
export const writeFileSync = unavailable('writeFileSync');
