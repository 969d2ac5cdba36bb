import { type MultipartPart, multipartField } from './body';
import { chargeFor, COSTS, debit } from './budget';
import { type Ctx, type ResourceCall, jsonObject, send, sendInvalidRequest, sendJson } from './http';
import { pseudoAudio, sinePcm, sineWav } from './mediaBytes';
import { resolveModel } from './models';

const VOICES = new Set(['alloy', 'echo', 'fable', 'onyx', 'nova', 'shimmer']);
const SPEECH_TYPES = {
	mp3: 'audio/mpeg', opus: 'audio/ogg', aac: 'audio/aac', flac: 'audio/flac', wav: 'audio/wav', pcm: 'audio/pcm',
} as const;
type SpeechFormat = keyof typeof SPEECH_TYPES;
const MAX_SPEECH_INPUT = 4096;
const AUDIO_EXTENSIONS = new Set(['mp3', 'mp4', 'mpeg', 'mpga', 'm4a', 'wav', 'webm', 'ogg']);
const TRANSCRIPT_FORMATS = new Set(['json', 'text', 'srt', 'vtt', 'verbose_json']);

/** POST /audio/speech (spec §8.7): binary audio; `wav` and `pcm` are a real sine tone. */
export function handleSpeech(ctx: Ctx, call: ResourceCall): void {
	const body = jsonObject(ctx);
	if (!body) {
		sendInvalidRequest(ctx, 'The request body must be a JSON object.');
		return;
	}
	const model = resolveModel(ctx, body.model, call.route, 'audio_speech');
	if (!model) {
		return;
	}
	const request = parseSpeech(body);
	if (typeof request === 'string') {
		sendInvalidRequest(ctx, request);
		return;
	}
	const { input, voice, format } = request;
	debit(ctx.state, call.token.sub, chargeFor(ctx.state, model.id, { units: input.length }, COSTS.speech));
	const seconds = 0.25;
	const bytes = format === 'wav' ? sineWav(seconds) : format === 'pcm' ? sinePcm(seconds) : pseudoAudio(format, `${voice}\n${input}`);
	send(ctx, 200, { 'Content-Type': SPEECH_TYPES[format], 'Content-Length': bytes.length }, bytes);
}

function parseSpeech(body: Record<string, unknown>): { input: string; voice: string; format: SpeechFormat } | string {
	const { input, voice, response_format: format = 'mp3', speed = 1 } = body;
	if (typeof input !== 'string' || input.trim() === '') {
		return 'input is required.';
	}
	if (input.length > MAX_SPEECH_INPUT) {
		return `input must be at most ${MAX_SPEECH_INPUT} characters.`;
	}
	if (typeof voice !== 'string' || !VOICES.has(voice)) {
		return `voice must be one of ${[...VOICES].join(', ')}.`;
	}
	if (!isSpeechFormat(format)) {
		return `response_format must be one of ${Object.keys(SPEECH_TYPES).join(', ')}.`;
	}
	if (typeof speed !== 'number' || speed < 0.25 || speed > 4) {
		return 'speed must be a number between 0.25 and 4.0.';
	}
	return { input, voice, format };
}

function isSpeechFormat(value: unknown): value is SpeechFormat {
	return typeof value === 'string' && Object.hasOwn(SPEECH_TYPES, value);
}

/** POST /audio/transcriptions (spec §8.8): multipart `file`; the text names the file and its size. */
export function handleTranscription(ctx: Ctx, call: ResourceCall): void {
	if (ctx.body.kind !== 'multipart') {
		sendInvalidRequest(ctx, `${call.route} expects a multipart/form-data body.`);
		return;
	}
	const parts = ctx.body.parts;
	const field = (name: string): string | undefined => multipartField(parts, name);
	const model = resolveModel(ctx, field('model'), call.route, 'audio_transcription');
	if (!model) {
		return;
	}
	const file = parts.find((part) => part.name === 'file' && part.data !== null);
	const format = field('response_format') ?? 'json';
	const language = field('language') ?? 'en';
	const problem = transcriptionProblem(file, format, language);
	if (problem !== null || !file) {
		sendInvalidRequest(ctx, problem ?? 'file is required.');
		return;
	}
	debit(ctx.state, call.token.sub, chargeFor(ctx.state, model.id, { units: file.size }, COSTS.transcription));
	const text = `Transcribed ${file.filename ?? 'audio'} (${file.size} bytes).`;
	const duration = Math.max(0.5, Math.round(file.size / 320) / 100);
	sendTranscript(ctx, format, text, language, duration);
}

function transcriptionProblem(file: MultipartPart | undefined, format: string, language: string): string | null {
	if (!file || file.size === 0) {
		return 'file is required.';
	}
	const name = file.filename ?? '';
	const extension = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
	if (!AUDIO_EXTENSIONS.has(extension)) {
		return `Unsupported file format. Supported formats: ${[...AUDIO_EXTENSIONS].join(', ')}.`;
	}
	if (!TRANSCRIPT_FORMATS.has(format)) {
		return `response_format must be one of ${[...TRANSCRIPT_FORMATS].join(', ')}.`;
	}
	return /^[a-z]{2}$/.test(language) ? null : 'language must be an ISO-639-1 code such as "en".';
}

function sendTranscript(ctx: Ctx, format: string, text: string, language: string, duration: number): void {
	const end = timestamp(duration, format === 'srt' ? ',' : '.');
	switch (format) {
		case 'text':
			send(ctx, 200, { 'Content-Type': 'text/plain; charset=utf-8' }, `${text}\n`);
			return;
		case 'srt':
			send(ctx, 200, { 'Content-Type': 'text/plain; charset=utf-8' }, `1\n00:00:00,000 --> ${end}\n${text}\n\n`);
			return;
		case 'vtt':
			send(ctx, 200, { 'Content-Type': 'text/vtt; charset=utf-8' }, `WEBVTT\n\n00:00:00.000 --> ${end}\n${text}\n\n`);
			return;
		case 'verbose_json':
			sendJson(ctx, 200, {
				task: 'transcribe', language, duration, text,
				segments: [{ id: 0, seek: 0, start: 0, end: duration, text, tokens: [], temperature: 0, avg_logprob: -0.1, compression_ratio: 1, no_speech_prob: 0 }],
			});
			return;
		default:
			sendJson(ctx, 200, { text, language, duration });
	}
}

function timestamp(seconds: number, separator: string): string {
	const ms = Math.round(seconds * 1000);
	const pad = (value: number, width = 2): string => String(value).padStart(width, '0');
	return `${pad(Math.floor(ms / 3600000))}:${pad(Math.floor(ms / 60000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}${separator}${pad(ms % 1000, 3)}`;
}
