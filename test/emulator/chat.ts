import { chargeFor, COSTS, debit } from './budget';
import { type ChatRequest, parseChatRequest } from './chatRequest';
import { demoAnswer } from './demoChat';
import { type ChatPlan, type Completion, type Usage, finishReason, streamChat } from './chatStream';
import { type Ctx, type ResourceCall, jsonObject, nowSeconds, randomId, sendInvalidRequest, sendJson } from './http';
import { resolveModel } from './models';
import { type EmulatorState } from './state';

/** `[[tool:NAME]]`, or `[[tool:NAME {"json":"arguments"}]]` (the JSON ends at the first `}]]`). */
const TOOL_MARKER = /\[\[tool:([^\]\s]+)(?:\s+(\{[\s\S]*?\}))?\]\]/g;

/** POST /chat/completions (spec §8.1, §8.2). */
export async function handleChat(ctx: Ctx, call: ResourceCall): Promise<void> {
	const body = jsonObject(ctx);
	if (!body) {
		sendInvalidRequest(ctx, 'The request body must be a JSON object.');
		return;
	}
	const model = resolveModel(ctx, body.model, call.route, 'chat_completions');
	if (!model) {
		return;
	}
	const request = parseChatRequest(body);
	if (typeof request === 'string') {
		sendInvalidRequest(ctx, request);
		return;
	}
	if (ctx.log && request.images.length > 0) {
		ctx.log.images = request.images;
	}
	if (request.images.length > 0 && !model.capabilities.includes('vision')) {
		sendInvalidRequest(ctx, `Model ${model.id} does not support image inputs (no "vision" capability).`);
		return;
	}
	const completion = compose(ctx.state, request);
	const completionChars = completion.kind === 'text'
		? completion.text.length
		: completion.calls.reduce((sum, call) => sum + call.name.length + call.arguments.length, 0);
	const used = usage(request.promptChars, completionChars);
	debit(ctx.state, call.token.sub, chargeFor(ctx.state, model.id, { promptTokens: used.prompt_tokens, completionTokens: used.completion_tokens },
		COSTS.chatBase + COSTS.chatPerChar * (request.promptChars + completionChars)));
	const plan: ChatPlan = {
		id: `chatcmpl-${randomId(18)}`,
		created: nowSeconds(),
		model: model.id,
		completion,
		usage: used,
		includeUsage: request.includeUsage,
	};
	if (request.stream) {
		await streamChat(ctx, plan);
	} else {
		sendJson(ctx, 200, completionBody(plan));
	}
}

/** Tool calls for every `[[tool:NAME]]` whose tool is offered, else the canned reply, else the demo answer or the echo. */
function compose(state: EmulatorState, request: ChatRequest): Completion {
	const calls = [...request.lastUserText.matchAll(TOOL_MARKER)]
		.filter((marker) => request.toolNames.includes(marker[1]))
		.map((marker) => ({ name: marker[1], callId: `call_${randomId(12)}`, arguments: marker[2] ?? '{}' }));
	if (calls.length > 0) {
		return { kind: 'tool', calls };
	}
	const canned = state.takeChatReply();
	if (canned !== null) {
		return { kind: 'text', text: canned };
	}
	if (state.config.demo) {
		return { kind: 'text', text: demoAnswer(request) };
	}
	const lines = [`Echo: ${request.lastUserText}`];
	request.lastUserImages.forEach((image, index) => {
		lines.push(`Image ${index + 1}: ${image.format} ${image.width}x${image.height}, ${image.bytes} bytes ` +
			`(declared ${image.declaredMime ?? 'none'})`);
	});
	return { kind: 'text', text: lines.join('\n') };
}

function usage(promptChars: number, completionChars: number): Usage {
	const prompt = Math.ceil(promptChars / 4);
	const completion = Math.ceil(completionChars / 4);
	return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

function completionBody(plan: ChatPlan): unknown {
	const { completion } = plan;
	const message = completion.kind === 'text'
		? { role: 'assistant', content: completion.text }
		: {
			role: 'assistant',
			content: null,
			tool_calls: completion.calls.map((call) => ({ id: call.callId, type: 'function', function: { name: call.name, arguments: call.arguments } })),
		};
	return {
		id: plan.id,
		object: 'chat.completion',
		created: plan.created,
		model: plan.model,
		choices: [{ index: 0, message, finish_reason: finishReason(completion) }],
		usage: plan.usage,
	};
}
