/**
 * Which extension host runs this bundle. The browser build (package.json#browser) picks
 * ./hostKind.web.ts instead of this file (esbuild.mjs `web-seams`), so no runtime sniffing.
 */
export const hostKind: 'node' | 'webWorker' = 'node';
