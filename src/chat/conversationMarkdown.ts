import { type AnswerCost, type Conversation, conversationCost, type StoredMessage } from './conversation';

export interface MarkdownLabels {
	untitled: string;
	you: string;
	assistant: string;
	image: string;
	stopped: string;
	/** "Conversation total". */
	total?: string;
}

/** How a charge is written (`$0.0137 · 1,204 tokens`); without it, charges are left out. */
export type CostWriter = (cost: AnswerCost) => string;

/** The conversation as a Markdown document (attached context included; images by name only). */
export function conversationToMarkdown(conversation: Conversation, labels: MarkdownLabels, costText?: CostWriter): string {
	const parts = [`# ${oneLine(conversation.title) || labels.untitled}`];
	for (const message of conversation.messages) {
		parts.push(message.role === 'user' ? userPart(message, labels) : answerPart(message, labels, costText));
	}
	const total = conversationCost(conversation);
	if (costText && total && labels.total) {
		parts.push(`---\n\n**${labels.total}**: ${costText({ charge: total.amount, estimate: total.estimate })}`);
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

function answerPart(message: StoredMessage, labels: MarkdownLabels, costText: CostWriter | undefined): string {
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
	if (message.cost && costText) {
		lines.push(`*${costText(message.cost)}*`);
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
