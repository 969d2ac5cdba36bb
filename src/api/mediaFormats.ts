/** What the media endpoints of the service accept and produce: voices, formats, sizes, limits. Pure (no `vscode`). */

/** What /audio/transcriptions accepts (OpenAI's list), by extension. */
export const TRANSCRIBABLE_AUDIO: Readonly<Record<string, string>> = {
	mp3: 'audio/mpeg', mp4: 'audio/mp4', mpeg: 'audio/mpeg', mpga: 'audio/mpeg',
	m4a: 'audio/mp4', wav: 'audio/wav', webm: 'audio/webm', ogg: 'audio/ogg',
};

/** The transcription upload limit of the service (25 MB). */
export const MAX_TRANSCRIPTION_BYTES = 25 * 1024 * 1024;
/** The largest image an edit accepts (the service's own limit for its image edit models). */
export const MAX_EDIT_IMAGE_BYTES = 50 * 1024 * 1024;

/** Images the edit endpoint accepts, by extension. */
export const EDITABLE_IMAGES: Readonly<Record<string, string>> = {
	png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', webp: 'image/webp', gif: 'image/gif',
};

export const SPEECH_VOICES = ['alloy', 'echo', 'fable', 'onyx', 'nova', 'shimmer'] as const;
export type SpeechVoice = (typeof SPEECH_VOICES)[number];

/** Speech formats offered, with the file extension each is saved under. */
export const SPEECH_FORMATS = { mp3: 'mp3', wav: 'wav', opus: 'ogg', aac: 'aac', flac: 'flac' } as const;
export type SpeechFormat = keyof typeof SPEECH_FORMATS;

/** The most characters one /audio/speech request may carry. */
export const MAX_SPEECH_CHARACTERS = 4096;

export const TRANSCRIPT_FORMATS = ['text', 'srt', 'vtt', 'json'] as const;
export type TranscriptFormat = (typeof TRANSCRIPT_FORMATS)[number];

export const IMAGE_SIZES = ['1024x1024', '1536x1024', '1024x1536', 'auto'] as const;
export const MAX_IMAGE_COUNT = 4;

export const VIDEO_SECONDS = [4, 8, 12] as const;

/** Lower-case extension without the dot (`Clip.M4A` → `m4a`), or '' when there is none. */
export function extensionOf(path: string): string {
	const name = path.slice(path.lastIndexOf('/') + 1);
	const dot = name.lastIndexOf('.');
	return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

export function isSpeechVoice(value: unknown): value is SpeechVoice {
	return typeof value === 'string' && (SPEECH_VOICES as readonly string[]).includes(value);
}

export function isSpeechFormat(value: unknown): value is SpeechFormat {
	return typeof value === 'string' && Object.hasOwn(SPEECH_FORMATS, value);
}

export function isTranscriptFormat(value: unknown): value is TranscriptFormat {
	return typeof value === 'string' && (TRANSCRIPT_FORMATS as readonly string[]).includes(value);
}

/** An ISO-639-1 code (`en`, `de`); empty means "detect the language". */
export function isLanguageCode(value: string): boolean {
	return /^[a-z]{2}$/.test(value);
}

/** `1024x1024` or `auto`. */
export function isImageSize(value: unknown): value is string {
	return typeof value === 'string' && /^(\d{2,5}x\d{2,5}|auto)$/.test(value);
}

export function isImageCount(value: unknown): value is number {
	return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_IMAGE_COUNT;
}

/** Whole seconds, 1-60. */
export function isVideoSeconds(value: unknown): value is number {
	return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 60;
}

/** File extension for image bytes of this MIME type. */
export function imageExtension(mime: string): string {
	switch (mime) {
		case 'image/jpeg': return 'jpg';
		case 'image/webp': return 'webp';
		case 'image/gif': return 'gif';
		default: return 'png';
	}
}
