import type { OutgoingImage } from '../../shared/chatProtocol';

const sendAsIs = new Set(['image/png', 'image/jpeg']);
const maxSide = 2048;

/**
 * Turns a pasted, dropped or chosen image into a data URL of at most `targetBytes`: PNG and JPEG
 * files already that small go as they are; anything else is drawn on a canvas and re-encoded as JPEG,
 * smaller and at lower quality until it fits. Throws when the browser cannot decode the file.
 */
export async function prepareImage(file: Blob, name: string, targetBytes: number): Promise<OutgoingImage> {
	if (sendAsIs.has(file.type) && file.size <= targetBytes) {
		return { name, dataUrl: await readAsDataUrl(file) };
	}
	const bitmap = await createImageBitmap(file);
	try {
		let scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
		for (let attempt = 0; attempt < 10; attempt++) {
			for (const quality of [0.85, 0.7, 0.55]) {
				const blob = await encode(bitmap, scale, quality);
				if (blob.size <= targetBytes) {
					return { name: name.replace(/\.[^.]*$/, '') + '.jpg', dataUrl: await readAsDataUrl(blob) };
				}
			}
			scale *= 0.7;
		}
	} finally {
		bitmap.close();
	}
	throw new Error('the image could not be made small enough');
}

async function encode(bitmap: ImageBitmap, scale: number, quality: number): Promise<Blob> {
	const canvas = document.createElement('canvas');
	canvas.width = Math.max(1, Math.round(bitmap.width * scale));
	canvas.height = Math.max(1, Math.round(bitmap.height * scale));
	const context = canvas.getContext('2d');
	if (context === null) {
		throw new Error('no 2d canvas');
	}
	// JPEG has no transparency: paint transparent areas white instead of black.
	context.fillStyle = '#fff';
	context.fillRect(0, 0, canvas.width, canvas.height);
	context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
	return new Promise((resolve, reject) => {
		canvas.toBlob(blob => (blob ? resolve(blob) : reject(new Error('encoding failed'))), 'image/jpeg', quality);
	});
}

function readAsDataUrl(blob: Blob): Promise<string> {
	return new Promise((resolve, reject) => {
		const reader = new FileReader();
		reader.onload = () => (typeof reader.result === 'string' ? resolve(reader.result) : reject(new Error('unreadable')));
		reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
		reader.readAsDataURL(blob);
	});
}

/** Image files among a paste's or drop's items. */
export function imageFiles(data: DataTransfer | null): File[] {
	return Array.from(data?.files ?? []).filter(file => file.type.startsWith('image/'));
}
