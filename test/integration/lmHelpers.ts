import * as vscode from 'vscode';
import type { ChatMessage } from '../../src/api/types';
import { admin } from './helpers';

/**
 * A hand-written `ChatResponseStream`: VS Code offers no public way to create one outside its chat UI,
 * so the participant tests record what the handler pushes. Everything else in those tests is real.
 */
export class ChatResponseRecorder implements vscode.ChatResponseStream {
	readonly markdownParts: string[] = [];
	readonly buttons: vscode.Command[] = [];
	readonly references: (vscode.Uri | vscode.Location)[] = [];
	readonly progressMessages: string[] = [];

	get text(): string {
		return this.markdownParts.join('');
	}

	markdown(value: string | vscode.MarkdownString): void {
		this.markdownParts.push(typeof value === 'string' ? value : value.value);
	}

	anchor(): void {
		// Not used by the participant.
	}

	button(command: vscode.Command): void {
		this.buttons.push(command);
	}

	filetree(): void {
		// Not used by the participant.
	}

	progress(value: string): void {
		this.progressMessages.push(value);
	}

	reference(value: vscode.Uri | vscode.Location): void {
		this.references.push(value);
	}

	push(part: vscode.ChatResponsePart): void {
		if (part instanceof vscode.ChatResponseMarkdownPart) {
			this.markdown(part.value);
		}
	}
}

/** A chat request as VS Code builds it for `@aipass [/command] prompt`. */
export function chatRequest(prompt: string, model: vscode.LanguageModelChat, options: { command?: string; references?: vscode.ChatPromptReference[] } = {}): vscode.ChatRequest {
	return {
		prompt,
		command: options.command,
		references: options.references ?? [],
		toolReferences: [],
		toolInvocationToken: undefined as never,
		model,
	};
}

/** The real `ChatRequestTurn` / `ChatResponseTurn` classes (their constructors are hidden in the typings). */
export function historyTurns(prompt: string, answer: string, command?: string): (vscode.ChatRequestTurn | vscode.ChatResponseTurn)[] {
	const RequestTurn = vscode.ChatRequestTurn as unknown as new (prompt: string, command: string | undefined, references: [], participant: string, toolReferences: []) => vscode.ChatRequestTurn;
	const ResponseTurn = vscode.ChatResponseTurn as unknown as new (response: vscode.ChatResponseMarkdownPart[], result: vscode.ChatResult, participant: string, command?: string) => vscode.ChatResponseTurn;
	return [
		new RequestTurn(prompt, command, [], 'aipass.chat', []),
		new ResponseTurn([new vscode.ChatResponseMarkdownPart(answer)], {}, 'aipass.chat', command),
	];
}

/** The chat-completions bodies the emulator received, oldest first. */
export async function chatBodies(): Promise<{ model: string; stream: boolean; messages: ChatMessage[]; tools?: unknown[]; tool_choice?: unknown }[]> {
	const log = await admin().requests({ path: '/chat/completions' });
	return log.map(entry => entry.body as { model: string; stream: boolean; messages: ChatMessage[] });
}

/** Reads a language model response to the end; an error thrown by the stream is returned, not thrown. */
export async function readResponse(response: vscode.LanguageModelChatResponse, onPart?: (part: unknown) => void): Promise<{ text: string; parts: unknown[]; error?: unknown }> {
	const parts: unknown[] = [];
	try {
		for await (const part of response.stream) {
			parts.push(part);
			onPart?.(part);
		}
	} catch (error) {
		return { text: textOf(parts), parts, error };
	}
	return { text: textOf(parts), parts };
}

function textOf(parts: unknown[]): string {
	return parts.map(part => part instanceof vscode.LanguageModelTextPart ? part.value : '').join('');
}
