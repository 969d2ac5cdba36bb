import { type AiPassClient } from '../api/client';
import { isAiPassError } from '../api/errors';
import type { ChatRequest } from '../api/types';
import type { Logger } from '../platform/log';
import type { ErrorCardView } from '../shared/chatProtocol';
import type { StoredMessage } from './conversation';
import { errorCard, partialTextOf } from './errorCards';

export interface AnswerOutcome {
	status: 'done' | 'stopped' | 'error';
	error?: ErrorCardView;
}

/**
 * Streams one answer into `answer.text`, reporting each piece with the offset it starts at. A stop
 * (abort) keeps what arrived; a failure keeps it too (streams that break off carry their partial text)
 * and becomes an error card.
 */
export async function streamAnswer(
	client: AiPassClient, request: ChatRequest, answer: StoredMessage, signal: AbortSignal,
	onText: (offset: number, text: string) => void, log: Logger,
): Promise<AnswerOutcome> {
	try {
		for await (const batch of client.streamChatBatches(request, signal, { paid: { feature: 'chatView', tag: answer.id } })) {
			for (const event of batch) {
				if (event.type === 'delta' && event.text !== '') {
					const offset = answer.text.length;
					answer.text += event.text;
					onText(offset, event.text);
				}
			}
		}
		return { status: 'done' };
	} catch (e) {
		const partial = partialTextOf(e);
		if (partial !== undefined && partial.length > answer.text.length) {
			onText(answer.text.length, partial.slice(answer.text.length));
			answer.text = partial;
		}
		if (signal.aborted || (isAiPassError(e) && e.kind === 'aborted')) {
			log.info('answer stopped');
			return { status: 'stopped' };
		}
		log.error(e instanceof Error ? e : String(e));
		return { status: 'error', error: errorCard(e) };
	}
}
