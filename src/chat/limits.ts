import type { ChatLimits } from '../shared/chatProtocol';

export const chatLimits: ChatLimits = {
	maxTextChars: 100_000,
	maxCodeChars: 2_000_000,
	maxImages: 4,
	// ~800 KB of image bytes is ~1.07 M base64 characters; the rest is headroom for the header.
	maxImageDataUrlChars: 1_200_000,
	targetImageBytes: 800 * 1024,
};

/** Ids, model names, link targets and language ids. */
export const maxShortChars = 2_048;

/** An `@query` typed in the composer (the webview stops treating longer text as one). */
export const maxContextQueryChars = 100;
