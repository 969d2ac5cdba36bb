import { type ServerResponse } from 'node:http';
import { type Ctx, liteLlmError, markStatus, sleep } from './http';

export interface ToolCallPlan {
	name: string;
	callId: string;
	/** JSON text, streamed in pieces of up to 8 characters. */
	arguments: string;
}

export type Completion = { kind: 'text'; text: string } | { kind: 'tool'; calls: ToolCallPlan[] };

const ARGUMENT_PIECES = /[\s\S]{1,8}/g;

export interface Usage {
	prompt_tokens: number;
	completion_tokens: number;
	total_tokens: number;
}

/** One answer, ready to be sent whole or streamed. */
export interface ChatPlan {
	id: string;
	created: number;
	model: string;
	completion: Completion;
	usage: Usage;
	includeUsage: boolean;
}

export function finishReason(completion: Completion): 'stop' | 'tool_calls' {
	return completion.kind === 'tool' ? 'tool_calls' : 'stop';
}

const STREAM_FAULTS = ['dropStream', 'errorFrame', 'malformedSse', 'stallStream'] as const;
const MALFORMED = 'data: {not json\n\ngarbage\n\nevent: weird\n\n';

/**
 * Streams a plan as LiteLLM does: a `: ping` comment, a role chunk, content chunks (one word and
 * its trailing space each), a finish chunk, an optional usage chunk, then `data: [DONE]`.
 * The next armed stream fault (if any) changes the ending.
 */
export async function streamChat(ctx: Ctx, plan: ChatPlan): Promise<void> {
	const fault = ctx.state.faults.take(STREAM_FAULTS);
	markStatus(ctx, 200);
	ctx.res.writeHead(200, {
		'Content-Type': 'text/event-stream; charset=utf-8',
		'Cache-Control': 'no-cache',
		Connection: 'keep-alive',
		'X-Accel-Buffering': 'no',
	});
	const sse = new SseWriter(ctx.res, ctx.state.config.chunkDelayMs);
	const frame = (choices: unknown[], extra: Record<string, unknown> = {}): unknown =>
		({ id: plan.id, object: 'chat.completion.chunk', created: plan.created, model: plan.model, choices, ...extra });
	const delta = (value: Record<string, unknown>): unknown => frame([{ index: 0, delta: value, finish_reason: null }]);

	await sse.raw(': ping\n\n');
	await sse.data(delta({ role: 'assistant' }));
	if (fault?.kind === 'malformedSse') {
		await sse.raw(MALFORMED);
	}
	const deltas = contentDeltas(plan.completion);
	const stop = fault && fault.kind !== 'malformedSse' ? fault : undefined;
	for (const value of deltas.slice(0, stop ? stop.afterChunks : deltas.length)) {
		await sse.data(delta(value));
	}
	if (stop?.kind === 'dropStream') {
		ctx.res.destroy();
		return;
	}
	if (stop?.kind === 'stallStream') {
		return; // the socket stays open until the client gives up or the emulator closes
	}
	if (stop?.kind === 'errorFrame') {
		await sse.data(stop.budget === true
			? liteLlmError(400, 'Budget has been exceeded! Current cost: 10.0, Max budget: 10.0', 'budget_exceeded')
			: liteLlmError(500, 'Upstream provider error', 'server_error'));
		if (stop.withDone) {
			await sse.raw('data: [DONE]\n\n');
		}
		ctx.res.end();
		return;
	}
	await sse.data(frame([{ index: 0, delta: {}, finish_reason: finishReason(plan.completion) }]));
	if (plan.includeUsage) {
		await sse.data(frame([], { usage: plan.usage }));
	}
	await sse.raw('data: [DONE]\n\n');
	ctx.res.end();
}

function contentDeltas(completion: Completion): Array<Record<string, unknown>> {
	if (completion.kind === 'tool') {
		// As OpenAI streams them: id and name first, then the JSON arguments in pieces, call after call.
		return completion.calls.flatMap((call, index) => [
			{ tool_calls: [{ index, id: call.callId, type: 'function', function: { name: call.name, arguments: '' } }] },
			...(call.arguments.match(ARGUMENT_PIECES) ?? []).map((piece) => ({ tool_calls: [{ index, function: { arguments: piece } }] })),
		]);
	}
	return (completion.text.match(/\S+\s*|\s+/g) ?? []).map((piece) => ({ content: piece }));
}

/** Writes SSE text, waiting for each write to reach the socket; a closed response swallows writes. */
class SseWriter {
	private frames = 0;

	constructor(private readonly res: ServerResponse, private readonly delayMs: number) {}

	async data(value: unknown): Promise<void> {
		if (this.frames++ > 0 && this.delayMs > 0) {
			await sleep(this.delayMs);
		}
		await this.raw(`data: ${JSON.stringify(value)}\n\n`);
	}

	raw(text: string): Promise<void> {
		if (this.res.destroyed || this.res.writableEnded) {
			return Promise.resolve();
		}
		return new Promise((resolve) => {
			this.res.write(text, () => resolve());
		});
	}
}
