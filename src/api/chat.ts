import { InvalidResponseError } from './errors';
import { isRecord, optionalNumber } from './json';
import { type ChatCompletion, type Usage } from './types';

/** Checks the parts of a chat completion callers rely on: a `choices` array of messages. */
export function parseChatCompletion(json: unknown, route: string): ChatCompletion {
	const choices = isRecord(json) ? json.choices : undefined;
	if (!isRecord(json) || !Array.isArray(choices) || !choices.every((c) => isRecord(c) && isRecord(c.message))) {
		throw new InvalidResponseError(`${route}: the answer has no "choices" with messages`);
	}
	const usage = parseUsage(json.usage);
	return { ...(json as unknown as ChatCompletion), ...(usage === undefined ? {} : { usage }) };
}

/** Usage as chat answers it; embeddings omit `completion_tokens`, which then reads 0. */
export function parseUsage(value: unknown): Usage | undefined {
	if (!isRecord(value) || typeof value.prompt_tokens !== 'number' || typeof value.total_tokens !== 'number') {
		return undefined;
	}
	return {
		...value,
		prompt_tokens: value.prompt_tokens,
		completion_tokens: optionalNumber(value.completion_tokens) ?? 0,
		total_tokens: value.total_tokens,
	};
}
