import * as vscode from 'vscode';
import type { ChatMessage } from '../api/types';

/** Commands whose turns are reports (tables, lists), not conversation: left out of the history sent to the model. */
const reportCommands: ReadonlySet<string> = new Set(['budget', 'models']);

/**
 * The participant's earlier turns as chat messages: prompts as user messages, the Markdown of answers as
 * assistant messages. Report commands and failed answers are left out.
 */
export function historyMessages(history: vscode.ChatContext['history']): ChatMessage[] {
	const messages: ChatMessage[] = [];
	for (const turn of history) {
		if (turn.command !== undefined && reportCommands.has(turn.command)) {
			continue;
		}
		if (turn instanceof vscode.ChatRequestTurn) {
			const prompt = turn.command === undefined ? turn.prompt : `/${turn.command} ${turn.prompt}`;
			messages.push({ role: 'user', content: prompt });
		} else if (turn instanceof vscode.ChatResponseTurn && turn.result.errorDetails === undefined) {
			const text = turn.response
				.map(part => part instanceof vscode.ChatResponseMarkdownPart ? part.value.value : '')
				.join('');
			if (text.trim() !== '') {
				messages.push({ role: 'assistant', content: text });
			}
		}
	}
	return messages;
}
