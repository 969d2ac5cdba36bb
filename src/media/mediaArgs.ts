import * as vscode from 'vscode';

/** A command's options object: every field optional and validated where it is used. */
export type MediaOptions = Readonly<Record<string, unknown>>;

/** What the file-producing commands return. */
export interface MediaFiles {
	readonly files: vscode.Uri[];
}

/** The options object among a command's arguments; anything else (a Uri, a string, nothing) gives `{}`. */
export function optionsFrom(arg: unknown): MediaOptions {
	return isPlainObject(arg) ? arg : {};
}

/**
 * The arguments of a command that takes files: `(uri, selectedUris)` from an Explorer menu (code may
 * add options as a third argument), `(uri, options)` from code, `(uri)` from an editor title menu,
 * or `(options)` with the files in `options[key]`.
 */
export function fileArgs(first: unknown, second: unknown, third: unknown, key: string): { uris: vscode.Uri[]; options: MediaOptions } {
	const options = isPlainObject(third) ? third : isPlainObject(second) ? second : optionsFrom(first);
	if (Array.isArray(second) && second.length > 0 && second.every(isUri)) {
		return { uris: second, options };
	}
	if (isUri(first)) {
		return { uris: [first], options };
	}
	const given = options[key];
	const list = Array.isArray(given) ? given : given === undefined ? [] : [given];
	return { uris: list.filter(isUri), options };
}

/**
 * A caller's CancellationToken in `options.cancellation` (the name `aipass.analyzeImage` uses too).
 * `options.token`, the name before, is still read for one release (deprecated).
 */
export function tokenOption(options: MediaOptions): vscode.CancellationToken | undefined {
	return asCancellationToken(options.cancellation) ?? asCancellationToken(options.token);
}

function asCancellationToken(value: unknown): vscode.CancellationToken | undefined {
	return isPlainObjectLike(value) && typeof value.isCancellationRequested === 'boolean' && typeof value.onCancellationRequested === 'function'
		? value as unknown as vscode.CancellationToken
		: undefined;
}

export function isUri(value: unknown): value is vscode.Uri {
	return value instanceof vscode.Uri;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return isPlainObjectLike(value) && !isUri(value) && !Array.isArray(value);
}

function isPlainObjectLike(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null;
}
