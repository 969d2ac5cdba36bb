import { textTokens } from '../api/tokenEstimate';

/** How much context one question may carry (files, selections and problems attached to it). */
export interface ContextLimits {
	maxItems: number;
	/** One file (or selection), UTF-8 bytes. */
	maxItemBytes: number;
	/** All attachments of one question together. */
	maxTotalBytes: number;
}

export const contextLimits: ContextLimits = {
	maxItems: 8,
	maxItemBytes: 256 * 1024,
	maxTotalBytes: 512 * 1024,
};

export type LimitRefusal =
	| { reason: 'count'; limit: number }
	| { reason: 'itemBytes'; limit: number }
	| { reason: 'totalBytes'; limit: number };

/** Why an item of `bytes` cannot join attachments of `attached` bytes each, or undefined when it can. */
export function checkContextLimits(attached: readonly number[], bytes: number, limits: ContextLimits = contextLimits): LimitRefusal | undefined {
	if (attached.length >= limits.maxItems) {
		return { reason: 'count', limit: limits.maxItems };
	}
	if (bytes > limits.maxItemBytes) {
		return { reason: 'itemBytes', limit: limits.maxItemBytes };
	}
	if (attached.reduce((sum, b) => sum + b, 0) + bytes > limits.maxTotalBytes) {
		return { reason: 'totalBytes', limit: limits.maxTotalBytes };
	}
	return undefined;
}

export function utf8Bytes(text: string): number {
	return new TextEncoder().encode(text).byteLength;
}

/** `812 B`, `12 KB`, `1.4 MB` (1 KB = 1,024 bytes, as VS Code shows file sizes). */
export function formatBytes(bytes: number): string {
	if (bytes < 1024) {
		return `${bytes} B`;
	}
	if (bytes < 1024 * 1024) {
		const kb = bytes / 1024;
		return `${kb < 10 ? kb.toFixed(1).replace(/\.0$/, '') : Math.round(kb)} KB`;
	}
	return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
}

/** A token count as a chip shows it: `950`, `3.1k`, `42k` (the words around it are localised by the caller). */
export function formatTokenCount(tokens: number): string {
	if (tokens < 1000) {
		return String(tokens);
	}
	const k = tokens / 1000;
	return `${k < 10 ? k.toFixed(1).replace(/\.0$/, '') : Math.round(k)}k`;
}

/** The bytes and estimated tokens of an attachment's text. */
export function contextSize(text: string): { bytes: number; tokens: number } {
	return { bytes: utf8Bytes(text), tokens: textTokens(text) };
}
