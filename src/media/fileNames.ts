/** File names for saved media: a readable slug of the prompt plus a timestamp. Pure (no `vscode`). */

const MAX_SLUG = 40;

/** `Ein Café, at night!` → `ein-cafe-at-night`; at most `maxLength` characters, never empty. */
export function slugify(text: string, fallback = 'media', maxLength = MAX_SLUG): string {
	const slug = text
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
	if (slug.length <= maxLength) {
		return slug === '' ? fallback : slug;
	}
	const cut = slug.slice(0, maxLength);
	const lastDash = cut.lastIndexOf('-');
	// Prefer a word boundary unless it throws away most of the slug.
	return (lastDash >= maxLength / 2 ? cut.slice(0, lastDash) : cut).replace(/-+$/, '');
}

/** Local time as `20260812-153012`: sorts by time and is safe in every file system. */
export function fileTimestamp(date: Date): string {
	const pad = (value: number): string => String(value).padStart(2, '0');
	return `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}-${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`;
}

/**
 * `slug-stamp.ext`, with `-1`, `-2`… when one request produced several files.
 * `extension` has no dot (`png`, `embedding.json`).
 */
export function mediaFileName(slug: string, stamp: string, extension: string, index = 0, count = 1): string {
	return `${slug}-${stamp}${count > 1 ? `-${index + 1}` : ''}.${extension}`;
}

/** `a.png` → `a (2).png` for the second attempt at a free name; the extension is kept. */
export function numberedName(name: string, attempt: number): string {
	if (attempt <= 1) {
		return name;
	}
	const dot = name.indexOf('.');
	return dot <= 0 ? `${name} (${attempt})` : `${name.slice(0, dot)} (${attempt})${name.slice(dot)}`;
}

/** The last segment of a URI path: `/w/aipass-media/cat.png` → `cat.png`. */
export function baseName(path: string): string {
	return path.slice(path.lastIndexOf('/') + 1);
}
