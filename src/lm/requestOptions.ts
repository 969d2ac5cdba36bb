import * as vscode from 'vscode';
import type { ChatRequest, ToolChoice, ToolDefinition } from '../api/types';

type RequestOptions = Pick<ChatRequest, 'tools' | 'tool_choice' | 'temperature' | 'top_p' | 'max_tokens' | 'stop' | 'reasoning_effort'>;

/** The tools and the few well-known `modelOptions` a caller may pass, in chat-completions terms. */
export function toRequestOptions(options: vscode.ProvideLanguageModelChatResponseOptions): RequestOptions {
	const tools: ToolDefinition[] = (options.tools ?? []).map(tool => ({
		type: 'function',
		function: {
			name: tool.name,
			description: tool.description,
			...(tool.inputSchema ? { parameters: tool.inputSchema as Record<string, unknown> } : {}),
		},
	}));
	return { ...toolOptions(tools, options.toolMode), ...modelOptions(options.modelOptions ?? {}) };
}

function toolOptions(tools: ToolDefinition[], mode: vscode.LanguageModelChatToolMode | undefined): RequestOptions {
	if (tools.length === 0) {
		return {};
	}
	if (mode !== vscode.LanguageModelChatToolMode.Required) {
		return { tools };
	}
	const choice: ToolChoice = tools.length === 1 ? { type: 'function', function: { name: tools[0].function.name } } : 'required';
	return { tools, tool_choice: choice };
}

const efforts = ['minimal', 'low', 'medium', 'high'] as const;

/** Only options whose meaning and type are clear are forwarded; anything else is ignored. */
function modelOptions(given: { readonly [name: string]: unknown }): RequestOptions {
	const out: RequestOptions = {};
	const { temperature, top_p: topP, max_tokens: maxTokens, stop, reasoning_effort: effort } = given;
	if (typeof temperature === 'number' && temperature >= 0 && temperature <= 2) {
		out.temperature = temperature;
	}
	if (typeof topP === 'number' && topP > 0 && topP <= 1) {
		out.top_p = topP;
	}
	if (typeof maxTokens === 'number' && Number.isInteger(maxTokens) && maxTokens > 0) {
		out.max_tokens = maxTokens;
	}
	if (typeof stop === 'string' || (Array.isArray(stop) && stop.every(s => typeof s === 'string'))) {
		out.stop = stop;
	}
	const effortValue = efforts.find(e => e === effort);
	if (effortValue) {
		out.reasoning_effort = effortValue;
	}
	return out;
}
