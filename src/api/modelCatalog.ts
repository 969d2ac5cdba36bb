import { type AiPassClient } from './client';
import { matchesFilter } from './models';
import { type ModelFilter, type ModelInfo } from './types';

/**
 * One cached copy of the full model catalog, shared by every feature and filtered locally.
 * Concurrent callers share one request; a failed load is not cached.
 */
/** A listener list as `vscode.Event` shapes it (src/api stays free of `vscode`). */
export type CatalogEvent = (listener: () => void) => { dispose(): void };

export class ModelCatalog {
	private readonly listeners = new Set<() => void>();
	private cached: { models: ModelInfo[]; loadedAt: number } | undefined;
	private inFlight: Promise<ModelInfo[]> | undefined;

	constructor(private readonly client: AiPassClient, private readonly ttlMs = 3 * 60_000, private readonly now = () => Date.now()) {}

	async get(filter?: ModelFilter): Promise<ModelInfo[]> {
		const models = await this.all();
		return filter === undefined ? [...models] : models.filter((model) => matchesFilter(model, filter));
	}

	/** Text models that chat, plus bare ids of the legacy string catalog (which says nothing about type). */
	async chatModels(): Promise<ModelInfo[]> {
		const models = await this.all();
		return models.filter((model) => model.type === undefined || matchesFilter(model, { type: 'text', method: 'chat_completions' }));
	}

	visionModels(): Promise<ModelInfo[]> {
		return this.get({ capability: 'vision' });
	}

	/** Fires after `invalidate`: the list may differ now, read it again. */
	readonly onDidChange: CatalogEvent = listener => {
		const entry = (): void => listener();
		this.listeners.add(entry);
		return { dispose: () => void this.listeners.delete(entry) };
	};

	/** Another account or service (the composition root says which events mean that): forget the list and tell the readers. */
	invalidate(): void {
		this.cached = undefined;
		this.inFlight = undefined;
		for (const listener of [...this.listeners]) {
			listener();
		}
	}

	private all(): Promise<ModelInfo[]> {
		if (this.cached !== undefined && this.now() - this.cached.loadedAt < this.ttlMs) {
			return Promise.resolve(this.cached.models);
		}
		if (this.inFlight === undefined) {
			const load = this.client.listModels().then((models) => {
				if (this.inFlight === load) {
					this.cached = { models, loadedAt: this.now() };
					this.inFlight = undefined;
				}
				return models;
			}, (e: unknown) => {
				if (this.inFlight === load) {
					this.inFlight = undefined;
				}
				throw e;
			});
			this.inFlight = load;
		}
		return this.inFlight;
	}
}
