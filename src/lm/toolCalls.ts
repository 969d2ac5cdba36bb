import { isRecord } from '../api/json';
import type { ChatStreamEvent } from '../api/types';

export type ToolCallDelta = Extract<ChatStreamEvent, { type: 'toolCall' }>;

/** A tool call put together from its streamed pieces. */
export interface CompletedToolCall {
	readonly callId: string;
	readonly name: string;
	readonly input: Record<string, unknown>;
}

/** The model asked for a tool in a way that cannot be called (no name, arguments that are not a JSON object). */
export class MalformedToolCallError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'MalformedToolCallError';
	}
}

interface Pending {
	id: string | undefined;
	name: string;
	args: string;
}

/**
 * Gathers OpenAI-style streamed tool-call deltas: the first delta of a call carries its `index`, `id` and
 * `name`, later ones only the `index` and the next piece of the JSON `arguments`. Several calls may
 * interleave; they are told apart by `index`.
 */
export class ToolCallAccumulator {
	private readonly pending = new Map<number, Pending>();

	add(delta: ToolCallDelta): void {
		const call = this.pending.get(delta.index) ?? { id: undefined, name: '', args: '' };
		// OpenAI sends id and name once; some gateways repeat them on every delta: the first one counts.
		call.id ??= delta.id;
		call.name ||= delta.name ?? '';
		call.args += delta.argumentsDelta;
		this.pending.set(delta.index, call);
	}

	get size(): number {
		return this.pending.size;
	}

	/** Takes every call gathered so far, in index order, with parsed arguments. */
	drain(): CompletedToolCall[] {
		const calls = [...this.pending.entries()].sort(([a], [b]) => a - b);
		this.pending.clear();
		return calls.map(([index, call]) => complete(index, call));
	}
}

function complete(index: number, call: Pending): CompletedToolCall {
	if (call.name === '') {
		throw new MalformedToolCallError(`tool call #${index} has no name`);
	}
	const text = call.args.trim();
	let input: unknown;
	try {
		input = text === '' ? {} : JSON.parse(text);
	} catch {
		throw new MalformedToolCallError(`the arguments of tool call "${call.name}" are not valid JSON (${text.length} characters)`);
	}
	if (!isRecord(input)) {
		throw new MalformedToolCallError(`the arguments of tool call "${call.name}" are not a JSON object`);
	}
	return { callId: call.id ?? `call_${index}`, name: call.name, input };
}
