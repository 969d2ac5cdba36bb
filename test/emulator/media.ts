import { type Ctx, randomId, send, sendNotFound } from './http';

/**
 * Generated files served at `/__media/<name>` without authentication, like a CDN.
 * Returns the absolute URL.
 */
export function storeMedia(ctx: Ctx, extension: string, contentType: string, bytes: Buffer): string {
	const name = `${randomId(12)}.${extension}`;
	ctx.state.media.set(name, { contentType, bytes });
	return `${ctx.origin}/__media/${name}`;
}

/** GET /__media/<name>. */
export function handleMedia(ctx: Ctx, name: string): void {
	const media = ctx.state.media.get(name);
	if (!media) {
		sendNotFound(ctx);
		return;
	}
	send(ctx, 200, {
		'Content-Type': media.contentType,
		'Content-Length': media.bytes.length,
		'Cache-Control': 'public, max-age=3600',
		'Access-Control-Allow-Origin': '*',
	}, media.bytes);
}
