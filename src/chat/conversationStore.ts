import { type Conversation, type ConversationSummary, summaryOf } from './conversation';
import { parseConversation, parseSummaries } from './conversationFormat';

/** Named blobs in one folder: `vscode.workspace.fs` in the extension (workspaceBlobStore.ts), `node:fs` in unit tests. */
export interface BlobStore {
	/** The blob's bytes, or undefined when there is no such blob. */
	read(name: string): Promise<Uint8Array | undefined>;
	write(name: string, data: Uint8Array): Promise<void>;
	delete(name: string): Promise<void>;
}

const indexName = 'index.json';
const validId = /^[A-Za-z0-9-]{1,64}$/;

/**
 * Conversations as one JSON file each plus an index of summaries (so the history lists without reading
 * every conversation). Operations run one at a time, in order.
 */
export class ConversationStore {
	private queue: Promise<unknown> = Promise.resolve();

	constructor(private readonly blobs: BlobStore, private readonly onError: (error: unknown) => void = () => undefined) {}

	/** Newest first. */
	list(): Promise<ConversationSummary[]> {
		return this.enqueue(async () => (await this.readIndex()).sort((a, b) => b.updatedAt - a.updatedAt));
	}

	load(id: string): Promise<Conversation | undefined> {
		return this.enqueue(async () => {
			if (!validId.test(id)) {
				return undefined;
			}
			const conversation = parseConversation(await this.readJson(fileName(id)));
			return conversation?.id === id ? conversation : undefined;
		});
	}

	save(conversation: Conversation): Promise<void> {
		const snapshot = JSON.stringify(conversation);
		const summary = summaryOf(conversation);
		return this.enqueue(async () => {
			if (!validId.test(summary.id)) {
				throw new Error(`invalid conversation id ${summary.id}`);
			}
			await this.blobs.write(fileName(summary.id), encode(snapshot));
			const index = (await this.readIndex()).filter(item => item.id !== summary.id);
			index.push(summary);
			await this.writeIndex(index);
		});
	}

	delete(id: string): Promise<void> {
		return this.enqueue(async () => {
			const index = await this.readIndex();
			await this.writeIndex(index.filter(item => item.id !== id));
			if (validId.test(id)) {
				await this.blobs.delete(fileName(id));
			}
		});
	}

	private async readIndex(): Promise<ConversationSummary[]> {
		return parseSummaries(await this.readJson(indexName));
	}

	private async writeIndex(conversations: ConversationSummary[]): Promise<void> {
		await this.blobs.write(indexName, encode(JSON.stringify({ version: 1, conversations })));
	}

	private async readJson(name: string): Promise<unknown> {
		const bytes = await this.blobs.read(name);
		if (bytes === undefined) {
			return undefined;
		}
		try {
			return JSON.parse(new TextDecoder().decode(bytes));
		} catch (e) {
			this.onError(new Error(`${name} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`));
			return undefined;
		}
	}

	private enqueue<T>(operation: () => Promise<T>): Promise<T> {
		const result = this.queue.then(operation);
		this.queue = result.catch(() => undefined);
		return result;
	}
}

function fileName(id: string): string {
	return `conversation-${id}.json`;
}

function encode(text: string): Uint8Array {
	return new TextEncoder().encode(text);
}
