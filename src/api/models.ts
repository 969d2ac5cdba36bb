import { InvalidResponseError } from './errors';
import { isRecord, optionalNumber, optionalString, stringArray } from './json';
import { type ModelFilter, type ModelInfo } from './types';

/** Reads `{object:'list', data:[…]}` or the legacy string array `["gpt-5-mini", …]`. */
export function parseModelList(json: unknown, route: string): ModelInfo[] {
	const entries = Array.isArray(json) ? json : isRecord(json) && Array.isArray(json.data) ? json.data : undefined;
	if (entries === undefined) {
		throw new InvalidResponseError(`${route}: the model list is neither {data:[…]} nor an array`);
	}
	return entries.flatMap((entry) => {
		const model = parseModelEntry(entry);
		return model === undefined ? [] : [model];
	});
}

/** One catalog entry: an object with at least `id`, or a bare id string. Anything else is dropped. */
function parseModelEntry(entry: unknown): ModelInfo | undefined {
	if (typeof entry === 'string') {
		return entry === '' ? undefined : { id: entry, type: undefined, capabilities: [], methods: [] };
	}
	const id = isRecord(entry) ? optionalString(entry.id) : undefined;
	if (!isRecord(entry) || id === undefined || id === '') {
		return undefined;
	}
	const model: ModelInfo = {
		id,
		type: optionalString(entry.type),
		capabilities: stringArray(entry.capabilities),
		methods: stringArray(entry.methods),
	};
	const name = optionalString(entry.name);
	const ownedBy = optionalString(entry.owned_by);
	const created = optionalNumber(entry.created);
	return {
		...model,
		...(name === undefined ? {} : { name }),
		...(ownedBy === undefined ? {} : { ownedBy }),
		...(created === undefined ? {} : { created }),
	};
}

/** GET /models/{id}: one entry, possibly wrapped in `{data: …}`. */
export function parseModel(json: unknown, route: string): ModelInfo {
	const model = parseModelEntry(json) ?? (isRecord(json) ? parseModelEntry(json.data) : undefined);
	if (model === undefined) {
		throw new InvalidResponseError(`${route}: the answer is not a model entry`);
	}
	return model;
}

/** Strict filter: entries without metadata (legacy string catalog) never match a filter that asks for any. */
export function matchesFilter(model: ModelInfo, filter: ModelFilter = {}): boolean {
	return (filter.type === undefined || model.type === filter.type)
		&& (filter.method === undefined || model.methods.includes(filter.method))
		&& (filter.capability === undefined || model.capabilities.includes(filter.capability));
}

export function modelQuery(filter: ModelFilter = {}): string {
	const params = new URLSearchParams();
	for (const key of ['type', 'method', 'capability'] as const) {
		const value = filter[key];
		if (value !== undefined) {
			params.set(key, value);
		}
	}
	const query = params.toString();
	return query === '' ? '' : `?${query}`;
}
