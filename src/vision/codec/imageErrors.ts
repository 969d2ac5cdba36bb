/** The detected kind of a file that is not an image this feature can read. */
export type UnsupportedKind = 'svg' | 'heic' | 'avif' | 'pdf' | 'bmp' | 'tiff' | 'text' | 'unknown';

export type ImageProblem =
	| { kind: 'empty' }
	| { kind: 'unsupported'; detected: UnsupportedKind }
	| { kind: 'corrupt'; format: string; detail: string }
	| { kind: 'tooManyPixels'; width: number; height: number; maxMegapixels: number }
	/** The compressed pixel data expands beyond what the header declares (a decompression bomb); decoding stopped there. */
	| { kind: 'inflatesBeyondHeader'; format: string; width: number; height: number }
	| { kind: 'cannotFit'; maxBytes: number };

/**
 * Why image bytes cannot be prepared. The codec has no `vscode` import, so it carries a
 * structured `problem` and a technical message; the host turns the problem into user text.
 */
export class ImageInputError extends Error {
	constructor(readonly problem: ImageProblem, message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'ImageInputError';
	}
}

/**
 * Structural on purpose: the codec lives in its own lazily loaded bundle, so the host's copy of
 * this class is not the one that threw and `instanceof` would say no.
 */
export function isImageInputError(error: unknown): error is ImageInputError {
	return error instanceof Error && error.name === 'ImageInputError'
		&& typeof (error as Partial<ImageInputError>).problem?.kind === 'string';
}
