import type { Conversation, StoredMessage } from './conversation';

export interface MarkdownLabels {
	untitled: string;
	you: string;
	assistant: string;
	image: string;
	stopped: string;
}

/** The conversation as a Markdown document (attached context included; images by name only). */
export function conversationToMarkdown(conversation: Conversation, labels: MarkdownLabels): string {
	const parts = [`# ${oneLine(conversation.title) || labels.untitled}`];
	for (const message of conversation.messages) {
		parts.push(message.role === 'user' ? userPart(message, labels) : answerPart(message, labels));
	}
	return parts.join('\n\n') + '\n';
}

function userPart(message: StoredMessage, labels: MarkdownLabels): string {
	const lines = [`## ${labels.you}`];
	for (const attachment of message.attachments ?? []) {
		const fence = fenceFor(attachment.text);
		lines.push(`\`${attachment.label}\`\n\n${fence}${attachment.language}\n${attachment.text.replace(/\n$/, '')}\n${fence}`);
	}
	for (const image of message.images ?? []) {
		lines.push(`*${labels.image}: ${oneLine(image.name)}*`);
	}
	if (message.text.trim() !== '') {
		lines.push(message.text.trim());
	}
	return lines.join('\n\n');
}

function answerPart(message: StoredMessage, labels: MarkdownLabels): string {
	const lines = [`## ${labels.assistant}${message.model ? ` (${message.model})` : ''}`];
	if (message.text.trim() !== '') {
		lines.push(message.text.trim());
	}
	if (message.status === 'stopped') {
		lines.push(`*${labels.stopped}*`);
	}
	if (message.error) {
		lines.push(`> **${oneLine(message.error.title)}**: ${oneLine(message.error.message)}`);
	}
	return lines.join('\n\n');
}

/** A backtick fence longer than any run of backticks in the text. */
function fenceFor(text: string): string {
	const longest = Math.max(2, ...Array.from(text.matchAll(/`+/g), match => match[0].length));
	return '`'.repeat(longest + 1);
}

function oneLine(text: string): string {
	return text.replace(/\s+/g, ' ').trim();
}
