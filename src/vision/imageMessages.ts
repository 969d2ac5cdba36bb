import * as vscode from 'vscode';
import { type ImageProblem, type UnsupportedKind } from './codec/imageErrors';
import { formatBytes } from './imageSource';

/** What to tell the user about image bytes the codec refused. */
export function describeImageProblem(name: string, problem: ImageProblem): string {
	switch (problem.kind) {
		case 'empty':
			return vscode.l10n.t('{0} is empty (0 bytes).', name);
		case 'unsupported':
			return vscode.l10n.t('{0} is {1}. Analyze Image reads JPEG, PNG, GIF and WebP images.', name, describeKind(problem.detected));
		case 'corrupt':
			return vscode.l10n.t('{0} looks like a {1} image but cannot be decoded; it may be truncated or damaged ({2}).', name, problem.format.toUpperCase(), problem.detail);
		case 'tooManyPixels':
			return vscode.l10n.t('{0} is {1} × {2} pixels; images over {3} megapixels are not decoded.', name, problem.width, problem.height, problem.maxMegapixels);
		case 'inflatesBeyondHeader':
			return vscode.l10n.t('{0} says it is a {1} × {2} pixel {3} image, but its compressed data expands far beyond that size (a decompression bomb?). It was not decoded.', name, problem.width, problem.height, problem.format.toUpperCase());
		case 'cannotFit':
			return vscode.l10n.t('{0} cannot be made small enough to send (limit {1}).', name, formatBytes(problem.maxBytes));
	}
}

function describeKind(kind: UnsupportedKind): string {
	switch (kind) {
		case 'svg': return vscode.l10n.t('an SVG (vector) image; export it as PNG first');
		case 'heic': return vscode.l10n.t('a HEIC/HEIF photo; export it as JPEG first');
		case 'avif': return vscode.l10n.t('an AVIF image; export it as JPEG or PNG first');
		case 'pdf': return vscode.l10n.t('a PDF document, not an image');
		case 'bmp': return vscode.l10n.t('a BMP image; convert it to PNG first');
		case 'tiff': return vscode.l10n.t('a TIFF image; convert it to PNG or JPEG first');
		case 'text': return vscode.l10n.t('a text file, not an image (whatever its name says)');
		case 'unknown': return vscode.l10n.t('not an image this command recognises');
	}
}
