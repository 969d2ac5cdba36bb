/** EXIF orientation values 1-8 (1 = as stored). */
export type Orientation = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

const ORIENTATION_TAG = 0x0112;

/**
 * The EXIF orientation of a JPEG (tag 0x0112 of IFD0 in the APP1 `Exif` segment), or 1 when there
 * is none or it cannot be read. One tag is all this feature needs, so it reads that tag itself
 * instead of shipping a general EXIF library.
 */
export function readJpegOrientation(bytes: Uint8Array): Orientation {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	let offset = 2;
	while (offset + 4 <= bytes.length && bytes[offset] === 0xff) {
		const marker = bytes[offset + 1];
		if (marker === 0xda || marker === 0xd9) {
			return 1; // Start of scan or end of image: metadata comes before these.
		}
		const length = view.getUint16(offset + 2);
		if (marker === 0xe1 && isExifHeader(bytes, offset + 4)) {
			return orientationFromTiff(view, offset + 10, Math.min(bytes.length, offset + 2 + length));
		}
		offset += 2 + length;
	}
	return 1;
}

function isExifHeader(bytes: Uint8Array, at: number): boolean {
	return bytes[at] === 0x45 && bytes[at + 1] === 0x78 && bytes[at + 2] === 0x69 && bytes[at + 3] === 0x66
		&& bytes[at + 4] === 0 && bytes[at + 5] === 0;
}

/** `tiff` is where the TIFF header ("II*\0" or "MM\0*") starts; offsets inside are relative to it. */
function orientationFromTiff(view: DataView, tiff: number, end: number): Orientation {
	if (tiff + 8 > end) {
		return 1;
	}
	const order = view.getUint16(tiff);
	if (order !== 0x4949 && order !== 0x4d4d) {
		return 1;
	}
	const little = order === 0x4949;
	const ifd = tiff + view.getUint32(tiff + 4, little);
	if (ifd + 2 > end) {
		return 1;
	}
	const entries = view.getUint16(ifd, little);
	for (let i = 0; i < entries; i++) {
		const entry = ifd + 2 + i * 12;
		if (entry + 12 > end) {
			return 1;
		}
		if (view.getUint16(entry, little) === ORIENTATION_TAG) {
			const value = view.getUint16(entry + 8, little);
			return value >= 1 && value <= 8 ? (value as Orientation) : 1;
		}
	}
	return 1;
}
