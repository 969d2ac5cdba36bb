import * as vscode from 'vscode';
import type { ModelCatalog } from '../api/modelCatalog';
import type { ModelInfo } from '../api/types';
import type { Config } from '../platform/config';
import type { Logger } from '../platform/log';
import type { ModelOption } from '../shared/chatProtocol';

const selectedKey = 'aipass.chat.selectedModel';

export interface ChatModelsDeps {
	readonly catalog: Pick<ModelCatalog, 'chatModels' | 'onDidChange'>;
	readonly config: Pick<Config, 'chatModel' | 'onDidChange'>;
	readonly workspaceState: vscode.Memento;
	readonly log: Logger;
}

/**
 * The model picker's list (`catalog.chatModels()`) and choice: remembered per workspace, else the
 * `aipass.chat.model` setting. Reloads whenever the catalog changes (another account or service).
 */
export class ChatModels implements vscode.Disposable {
	private options: ModelOption[] = [];
	private loading: Promise<void> | undefined;
	private readonly changed = new vscode.EventEmitter<void>();
	private readonly disposables: vscode.Disposable[] = [this.changed];
	readonly onDidChange = this.changed.event;

	constructor(private readonly deps: ChatModelsDeps) {
		this.disposables.push(
			deps.catalog.onDidChange(() => void this.reload()),
			deps.config.onDidChange(affects => affects('chat.model') && this.changed.fire()),
		);
	}

	get models(): ModelOption[] {
		return this.options;
	}

	get selected(): string {
		return this.deps.workspaceState.get<string>(selectedKey) ?? this.deps.config.chatModel;
	}

	async select(model: string): Promise<void> {
		await this.deps.workspaceState.update(selectedKey, model);
		this.changed.fire();
	}

	/** Whether the model takes images; unknown models (not in the catalog) are given the benefit of the doubt. */
	supportsVision(model: string): boolean {
		return this.options.find(option => option.id === model)?.vision ?? true;
	}

	/** Loads the catalog once (callers share the load); failures leave the list as it was. */
	ensureLoaded(): Promise<void> {
		this.loading ??= this.load();
		return this.loading;
	}

	reload(): Promise<void> {
		this.loading = this.load();
		return this.loading;
	}

	private async load(): Promise<void> {
		try {
			const models = await this.deps.catalog.chatModels();
			this.options = models.map(toOption).sort((a, b) => a.label.localeCompare(b.label));
			this.changed.fire();
		} catch (e) {
			this.deps.log.info(`model list unavailable: ${e instanceof Error ? e.message : String(e)}`);
		}
	}

	dispose(): void {
		vscode.Disposable.from(...this.disposables).dispose();
	}
}

function toOption(model: ModelInfo): ModelOption {
	return { id: model.id, label: model.name ?? model.id, vision: model.type === undefined || model.capabilities.includes('vision') };
}
