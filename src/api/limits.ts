/**
 * How long calls may wait and how much they may read. Generous: they exist to stop a hung or hostile
 * server from freezing or exhausting the extension host, never to cut a normal answer short.
 */
export interface ClientLimits {
	/** Time to response headers (every call but the paid media generations). */
	headersTimeoutMs: number;
	/** Time to response headers of image, speech, transcription and video generation calls. */
	mediaHeadersTimeoutMs: number;
	/** Longest silence between two chunks of a body being read (streams included). */
	idleTimeoutMs: number;
	/** A JSON or text answer (models, chat, embeddings, transcripts, account). */
	jsonBytes: number;
	/** A JSON answer carrying base64 images (image generation and edits). */
	imageJsonBytes: number;
	/** Binary media: speech audio, downloaded images. */
	mediaBytes: number;
	/** A downloaded video. */
	videoBytes: number;
	/** A whole chat stream (SSE). */
	streamBytes: number;
}

const MB = 1024 * 1024;

export const DEFAULT_LIMITS: ClientLimits = {
	headersTimeoutMs: 60_000,
	mediaHeadersTimeoutMs: 300_000,
	idleTimeoutMs: 120_000,
	jsonBytes: 16 * MB,
	imageJsonBytes: 96 * MB,
	mediaBytes: 64 * MB,
	videoBytes: 512 * MB,
	streamBytes: 64 * MB,
};

/** A server's Retry-After is honoured up to this (a longer one is treated as this long). */
export const MAX_RETRY_AFTER_SECONDS = 300;

/** Error bodies: only the start is read (the message shown is at most 300 characters). */
export const ERROR_BODY_LIMIT = 64 * 1024;

/** One SSE line plus the event it belongs to, in characters (a chat frame is a few hundred). */
export const SSE_EVENT_CHARS = 8 * 1024 * 1024;
