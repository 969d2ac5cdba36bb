import { chargeFor, COSTS, debit } from './budget';
import { type Ctx, type ResourceCall, jsonObject, sendInvalidRequest, sendJson } from './http';
import { sha256 } from './mediaBytes';
import { resolveModel } from './models';

/** POST /embeddings (spec §8.3): deterministic unit vectors derived from a hash of each input. */
export function handleEmbeddings(ctx: Ctx, call: ResourceCall): void {
	const body = jsonObject(ctx);
	if (!body) {
		sendInvalidRequest(ctx, 'The request body must be a JSON object.');
		return;
	}
	const model = resolveModel(ctx, body.model, call.route, 'embeddings');
	if (!model) {
		return;
	}
	const inputs = typeof body.input === 'string' ? [body.input] : body.input;
	if (!Array.isArray(inputs) || inputs.length === 0 || !inputs.every((item): item is string => typeof item === 'string' && item !== '')) {
		sendInvalidRequest(ctx, 'input must be a non-empty string or a non-empty array of non-empty strings.');
		return;
	}
	const format = body.encoding_format ?? 'float';
	if (format !== 'float' && format !== 'base64') {
		sendInvalidRequest(ctx, 'encoding_format must be "float" or "base64".');
		return;
	}
	const tokens = inputs.reduce((sum, item) => sum + Math.ceil(item.length / 4), 0);
	debit(ctx.state, call.token.sub, chargeFor(ctx.state, model.id, { promptTokens: tokens }, COSTS.embeddings));
	const dims = model.dims ?? 1536;
	sendJson(ctx, 200, {
		object: 'list',
		data: inputs.map((item, index) => {
			const vector = unitVector(`${model.id}\n${item}`, dims);
			return { object: 'embedding', index, embedding: format === 'float' ? vector : Buffer.from(Float32Array.from(vector).buffer).toString('base64') };
		}),
		model: model.id,
		usage: { prompt_tokens: tokens, total_tokens: tokens },
	});
}

/** A reproducible vector of length 1 whose components come from SHA-256 in counter mode. */
function unitVector(seed: string, dims: number): number[] {
	const values: number[] = [];
	for (let block = 0; values.length < dims; block++) {
		const digest = sha256(seed, `#${block}`);
		for (let offset = 0; offset < digest.length && values.length < dims; offset += 4) {
			values.push(digest.readUInt32BE(offset) / 0xffffffff * 2 - 1);
		}
	}
	const norm = Math.hypot(...values);
	return values.map((value) => value / norm);
}
