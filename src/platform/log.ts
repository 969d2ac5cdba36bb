import type * as vscode from 'vscode';

/**
 * The extension's one log. Component tags keep lines greppable; `redact` keeps secrets out.
 * Never pass a token, authorization code, PKCE verifier, state or full callback URL to it.
 */
export interface Logger {
	trace(message: string): void;
	info(message: string): void;
	warn(message: string): void;
	error(message: string | Error): void;
	/** A logger whose lines carry `[tag]`. */
	child(tag: string): Logger;
}

class TaggedLogger implements Logger {
	constructor(private readonly channel: vscode.LogOutputChannel, private readonly prefix: string) {}

	trace(message: string): void { this.channel.trace(this.prefix + redact(message)); }
	info(message: string): void { this.channel.info(this.prefix + redact(message)); }
	warn(message: string): void { this.channel.warn(this.prefix + redact(message)); }
	error(message: string | Error): void {
		const text = typeof message === 'string' ? message : `${message.name}: ${message.message}`;
		this.channel.error(this.prefix + redact(text));
	}
	child(tag: string): Logger { return new TaggedLogger(this.channel, `${this.prefix}[${tag}] `); }
}

export function createLogger(channel: vscode.LogOutputChannel): Logger {
	return new TaggedLogger(channel, '');
}

const secretPatterns: readonly RegExp[] = [
	/(Bearer\s+)[^\s"',]+/gi,
	/([?&#](?:code|state|token|access_token|refresh_token|code_verifier|code_challenge)=)[^&\s"']+/gi,
	/\b((?:access_token|refresh_token|accessToken|refreshToken|codeVerifier|code_verifier|clientSecret|client_secret)["']?\s*[=:]\s*["']?)[^&\s"',}]+/gi,
];

/** Last line of defence: masks anything that looks like a credential in a log line. */
export function redact(text: string): string {
	let out = text;
	for (const pattern of secretPatterns) {
		out = out.replace(pattern, '$1***');
	}
	return out;
}
