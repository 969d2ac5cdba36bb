import { createHash } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';

type Rgb = readonly [number, number, number];

export function sha256(...parts: Array<string | Buffer>): Buffer {
	const hash = createHash('sha256');
	for (const part of parts) {
		hash.update(part);
	}
	return hash.digest();
}

/** A colour derived from some text, so the same prompt always gives the same picture. */
export function colourFor(text: string): Rgb {
	const digest = sha256(text);
	return [digest[0], digest[1], digest[2]];
}

/** A real, decodable RGB PNG of one colour. */
export function solidPng(width: number, height: number, rgb: Rgb): Buffer {
	const row = Buffer.alloc(1 + width * 3);
	for (let x = 0; x < width; x++) {
		row.set(rgb, 1 + x * 3);
	}
	return rgbPng(width, height, Buffer.concat(Array.from({ length: height }, () => row)));
}

/** A real RGB PNG of `raw`: `height` rows, each a filter byte (0) and `width` RGB triples. */
export function rgbPng(width: number, height: number, raw: Buffer): Buffer {
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header.set([8, 2, 0, 0, 0], 8); // 8-bit depth, truecolour, deflate, adaptive filter, no interlace
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		pngChunk('IHDR', header),
		pngChunk('IDAT', deflateSync(raw)),
		pngChunk('IEND', Buffer.alloc(0)),
	]);
}

function pngChunk(type: string, data: Buffer): Buffer {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length, 0);
	const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(typed), 0);
	return Buffer.concat([length, typed, crc]);
}

/** 16-bit mono little-endian PCM samples of a sine tone. */
export function sinePcm(seconds: number, sampleRate = 24000, frequency = 440): Buffer {
	const samples = Math.round(seconds * sampleRate);
	const pcm = Buffer.alloc(samples * 2);
	for (let i = 0; i < samples; i++) {
		pcm.writeInt16LE(Math.round(Math.sin((2 * Math.PI * frequency * i) / sampleRate) * 12000), i * 2);
	}
	return pcm;
}

/** A real RIFF/WAVE file (PCM, 16-bit, mono) holding a sine tone. */
export function sineWav(seconds: number, sampleRate = 24000, frequency = 440): Buffer {
	const pcm = sinePcm(seconds, sampleRate, frequency);
	const header = Buffer.alloc(44);
	header.write('RIFF', 0, 'latin1');
	header.writeUInt32LE(36 + pcm.length, 4);
	header.write('WAVEfmt ', 8, 'latin1');
	header.writeUInt32LE(16, 16);
	header.writeUInt16LE(1, 20); // PCM
	header.writeUInt16LE(1, 22); // mono
	header.writeUInt32LE(sampleRate, 24);
	header.writeUInt32LE(sampleRate * 2, 28);
	header.writeUInt16LE(2, 32);
	header.writeUInt16LE(16, 34);
	header.write('data', 36, 'latin1');
	header.writeUInt32LE(pcm.length, 40);
	return Buffer.concat([header, pcm]);
}

const AUDIO_MAGIC: Record<string, Buffer> = {
	mp3: Buffer.from('ID3\x04\x00\x00\x00\x00\x00\x00', 'latin1'),
	opus: Buffer.from('OggS\x00\x02', 'latin1'),
	aac: Buffer.from([0xff, 0xf1, 0x50, 0x80]),
	flac: Buffer.from('fLaC', 'latin1'),
};

/**
 * Deterministic bytes that start like the named format (not playable): enough for a client that
 * saves, sniffs or hands them on.
 */
export function pseudoAudio(format: 'mp3' | 'opus' | 'aac' | 'flac', seed: string): Buffer {
	return Buffer.concat([AUDIO_MAGIC[format], sha256(format, seed), sha256(seed, format)]);
}

/** Deterministic bytes that start with an MP4 `ftyp` box (not playable). */
export function pseudoMp4(seed: string): Buffer {
	const ftyp = Buffer.from('\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom', 'latin1');
	return Buffer.concat([ftyp, sha256('video', seed), sha256(seed, 'video')]);
}
