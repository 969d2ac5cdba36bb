/**
 * Request and response types of the AI Pass model API. Wire types (requests, `ChatCompletion`,
 * `Usage`) keep the OpenAI-compatible snake_case field names; normalised results are camelCase.
 */
import type { PaidCallLabel } from './paidCalls';

// ── Models ───────────────────────────────────────────────────────────────────────────────
/** Known values, open to new ones the catalog may add. */
export type ModelType = 'text' | 'image' | 'audio' | 'embedding' | 'video' | (string & {});
export type ModelMethod =
	| 'chat_completions' | 'image_generation' | 'image_edit' | 'audio_speech' | 'audio_transcription'
	| 'embeddings' | 'video_generation' | (string & {});

export interface ModelFilter {
	type?: ModelType;
	method?: ModelMethod;
	capability?: string;
}

export interface ModelInfo {
	id: string;
	/** Undefined for entries of the legacy string-array catalog, which carry no metadata. */
	type: ModelType | undefined;
	capabilities: string[];
	methods: ModelMethod[];
	name?: string;
	ownedBy?: string;
	created?: number;
}

// ── Chat ─────────────────────────────────────────────────────────────────────────────────
export interface TextPart { type: 'text'; text: string }
export interface ImagePart { type: 'image_url'; image_url: { url: string; detail?: 'auto' | 'low' | 'high' } }
export type ContentPart = TextPart | ImagePart;

export interface ToolCall {
	id: string;
	type: 'function';
	function: { name: string; arguments: string };
}

export type ChatMessage =
	| { role: 'system' | 'developer'; content: string }
	| { role: 'user'; content: string | ContentPart[]; name?: string }
	| { role: 'assistant'; content: string | null; tool_calls?: ToolCall[] }
	| { role: 'tool'; content: string; tool_call_id: string };

export interface ToolDefinition {
	type: 'function';
	function: { name: string; description?: string; parameters?: Record<string, unknown>; strict?: boolean };
}

export type ToolChoice = 'auto' | 'none' | 'required' | { type: 'function'; function: { name: string } };

/** The body of POST /chat/completions minus `stream`, which `chat()` and `streamChat()` set. */
export interface ChatRequest {
	model: string;
	messages: ChatMessage[];
	temperature?: number;
	top_p?: number;
	/** Reasoning models count reasoning against this and may return `content: null`; omit unless needed. */
	max_tokens?: number;
	max_completion_tokens?: number;
	stop?: string | string[];
	tools?: ToolDefinition[];
	tool_choice?: ToolChoice;
	stream_options?: { include_usage?: boolean };
	response_format?: { type: 'text' | 'json_object' } | { type: 'json_schema'; json_schema: Record<string, unknown> };
	reasoning_effort?: 'minimal' | 'low' | 'medium' | 'high';
	user?: string;
}

export interface Usage {
	prompt_tokens: number;
	completion_tokens: number;
	total_tokens: number;
	[detail: string]: unknown;
}

export interface ChatCompletion {
	id: string;
	object: 'chat.completion';
	created: number;
	model: string;
	choices: {
		index: number;
		message: { role: 'assistant'; content: string | null; tool_calls?: ToolCall[]; refusal?: string | null };
		finish_reason: string | null;
	}[];
	usage?: Usage;
}

export type ChatStreamEvent =
	| { type: 'delta'; text: string }
	| { type: 'toolCall'; index: number; id?: string; name?: string; argumentsDelta: string }
	| { type: 'usage'; usage: Usage }
	| { type: 'finish'; reason: string }
	| { type: 'done' };

/** A frame the stream parser skipped instead of failing the whole answer. */
export interface StreamWarning {
	reason: 'malformedJson' | 'unexpectedFrame' | 'invalidLine';
	/** The frame or line, cut to 200 characters. */
	sample: string;
	/** Frames skipped so far in this stream, this one included. */
	skipped: number;
}

export interface StreamOptions {
	onWarning?: (warning: StreamWarning) => void;
	/** Who is paying for this answer (the spending ledger's feature and tag); never sent. */
	paid?: PaidCallLabel;
}

// ── Embeddings ───────────────────────────────────────────────────────────────────────────
export interface EmbeddingsRequest {
	model: string;
	input: string | string[];
	encoding_format?: 'float' | 'base64';
}

export interface EmbeddingsResult {
	/** One vector per input, in input order (base64 answers are decoded). */
	vectors: number[][];
	model: string;
	usage?: Usage;
}

// ── Images ───────────────────────────────────────────────────────────────────────────────
export interface UploadFile {
	data: Uint8Array;
	filename: string;
	mime: string;
}

export type ImageResponseFormat = 'url' | 'b64_json';

export interface ImageGenerationRequest {
	model: string;
	prompt: string;
	n?: number;
	size?: string;
	quality?: string;
	response_format?: ImageResponseFormat;
}

export interface ImageEditRequest extends ImageGenerationRequest {
	/** Sent as repeated `image` parts; multi-image models use them all. */
	images: UploadFile[];
}

export interface ImageVariationRequest {
	model: string;
	image: UploadFile;
	n?: number;
	size?: string;
	response_format?: ImageResponseFormat;
}

export type GeneratedImage =
	| { kind: 'url'; url: string; revisedPrompt?: string }
	| { kind: 'b64'; data: Uint8Array; mime: string; revisedPrompt?: string };

// ── Audio ────────────────────────────────────────────────────────────────────────────────
export interface SpeechRequest {
	model: string;
	input: string;
	voice: string;
	response_format?: 'mp3' | 'opus' | 'aac' | 'flac' | 'wav' | 'pcm';
	speed?: number;
}

export interface BinaryData {
	data: Uint8Array;
	mime: string;
}

export interface TranscriptionRequest {
	file: UploadFile;
	model: string;
	language?: string;
	prompt?: string;
	response_format?: 'json' | 'verbose_json' | 'text' | 'srt' | 'vtt';
}

export interface Transcription {
	/** The transcript; for text, srt and vtt formats, the raw body. */
	text: string;
	language?: string;
	duration?: number;
	raw: string;
}

// ── Videos ───────────────────────────────────────────────────────────────────────────────
export interface VideoRequest {
	model: string;
	prompt: string;
	seconds?: number | string;
	size?: string;
}

export type VideoStatus = 'queued' | 'in_progress' | 'completed' | 'failed';

export interface VideoJob {
	id: string;
	status: VideoStatus;
	/** 0-100. */
	progress?: number;
	error?: string;
	downloadUrl?: string;
}

// ── Account ──────────────────────────────────────────────────────────────────────────────
export interface UserInfo {
	sub: string;
	name?: string;
	email?: string;
	email_verified?: boolean;
	preferred_username?: string;
	picture?: string;
	scopes?: string[];
}

export interface UsageSummary {
	totalCost: number;
	maxBudget: number;
	remainingBudget: number;
}
