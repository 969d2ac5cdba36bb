import { type Ctx, liteLlmError, sendJson, sendNotFound } from './http';

export type ModelType = 'text' | 'image' | 'audio' | 'embedding' | 'video';
export type ModelMethod =
	| 'chat_completions' | 'image_generation' | 'image_edit' | 'image_variation'
	| 'audio_speech' | 'audio_transcription' | 'embeddings' | 'video_generation';

export interface ModelDefinition {
	id: string;
	type: ModelType;
	ownedBy: string;
	capabilities: string[];
	methods: ModelMethod[];
	/** Embedding vector length. */
	dims?: number;
	/** Image models that always answer with `b64_json`, whatever `response_format` says. */
	b64Only?: boolean;
	/** Image edit models: how many input images one request may carry. */
	maxImages?: number;
}

const CREATED = 1753000000;

/** The public catalog (spec §7). `dall-e-2` is the emulator's single-image edit/variations model. */
export const MODELS: readonly ModelDefinition[] = [
	{ id: 'gpt-5-mini', type: 'text', ownedBy: 'openai', capabilities: ['vision'], methods: ['chat_completions'] },
	{ id: 'gpt-5-nano', type: 'text', ownedBy: 'openai', capabilities: [], methods: ['chat_completions'] },
	{ id: 'claude-haiku-4-5', type: 'text', ownedBy: 'anthropic', capabilities: ['vision'], methods: ['chat_completions'] },
	{ id: 'gemini-2.5-flash-lite', type: 'text', ownedBy: 'google', capabilities: ['vision'], methods: ['chat_completions'] },
	{ id: 'nano-banana-2', type: 'image', ownedBy: 'google', capabilities: [], methods: ['image_generation'], b64Only: true },
	{ id: 'imagen-4-ultra', type: 'image', ownedBy: 'google', capabilities: [], methods: ['image_generation'] },
	{
		id: 'nano-banana-2-edit', type: 'image', ownedBy: 'google', capabilities: ['multi_image'], methods: ['image_edit'],
		b64Only: true, maxImages: 10,
	},
	{ id: 'gpt-image-2-edit', type: 'image', ownedBy: 'openai', capabilities: ['multi_image'], methods: ['image_edit'], maxImages: 16 },
	{
		id: 'dall-e-2', type: 'image', ownedBy: 'openai', capabilities: [],
		methods: ['image_generation', 'image_edit', 'image_variation'], maxImages: 1,
	},
	{ id: 'tts-1', type: 'audio', ownedBy: 'openai', capabilities: [], methods: ['audio_speech'] },
	{ id: 'gpt-4o-mini-tts', type: 'audio', ownedBy: 'openai', capabilities: [], methods: ['audio_speech'] },
	{ id: 'whisper-1', type: 'audio', ownedBy: 'openai', capabilities: [], methods: ['audio_transcription'] },
	{ id: 'text-embedding-3-small', type: 'embedding', ownedBy: 'openai', capabilities: [], methods: ['embeddings'], dims: 1536 },
	{ id: 'text-embedding-3-large', type: 'embedding', ownedBy: 'openai', capabilities: [], methods: ['embeddings'], dims: 3072 },
	{ id: 'sora-2', type: 'video', ownedBy: 'openai', capabilities: [], methods: ['video_generation'] },
	{ id: 'veo-3.1-fast-generate-preview', type: 'video', ownedBy: 'google', capabilities: [], methods: ['video_generation'] },
];

export function findModel(id: string): ModelDefinition | undefined {
	return MODELS.find((model) => model.id === id);
}

function entry(model: ModelDefinition): unknown {
	return {
		id: model.id,
		object: 'model',
		created: CREATED,
		owned_by: model.ownedBy,
		type: model.type,
		capabilities: [...model.capabilities],
		methods: [...model.methods],
	};
}

/** GET /models: `{object:"list",data}` or the historical string array; filters type, method, capability. */
export function handleListModels(ctx: Ctx): void {
	const type = ctx.query.get('type');
	const method = ctx.query.get('method');
	const capability = ctx.query.get('capability');
	const models = MODELS.filter((model) =>
		(type === null || model.type === type) &&
		(method === null || model.methods.some((m) => m === method)) &&
		(capability === null || model.capabilities.includes(capability)));
	const detailed = ctx.query.get('detailed');
	const strings = detailed === 'false' || (detailed !== 'true' && ctx.state.config.modelsShape === 'strings');
	sendJson(ctx, 200, strings ? models.map((model) => model.id) : { object: 'list', data: models.map(entry) });
}

/** GET /models/{id}. */
export function handleGetModel(ctx: Ctx, id: string): void {
	const model = findModel(id);
	if (model) {
		sendJson(ctx, 200, entry(model));
	} else {
		sendNotFound(ctx, `Model ${id} not found`);
	}
}

/**
 * The model named in a generation request when it supports `method`; otherwise LiteLLM's
 * 400 "Invalid model name" (also for a missing model or one of the wrong type) and undefined.
 */
export function resolveModel(ctx: Ctx, requested: unknown, route: string, method: ModelMethod): ModelDefinition | undefined {
	const model = typeof requested === 'string' ? findModel(requested) : undefined;
	if (model && model.methods.includes(method)) {
		return model;
	}
	const name = typeof requested === 'string' ? requested : 'None';
	const message = `{'error': '${route}: Invalid model name passed in model=${name}. ` +
		"Call /v1/models to view available models for your key.'}";
	sendJson(ctx, 400, liteLlmError(400, message, 'None', 'None'));
	return undefined;
}
