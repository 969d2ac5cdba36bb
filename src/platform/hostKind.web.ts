/** The browser's web worker extension host (vscode.dev, github.dev); see ./hostKind.ts. */
export const hostKind: 'node' | 'webWorker' = 'webWorker';
