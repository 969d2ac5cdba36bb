import * as vscode from 'vscode';
import type { ModelInfo } from '../api/types';
import type { Services } from '../services';
import type { ModelOption } from '../shared/chatProtocol';

const selectedKey = 'aipass.chat.selectedModel';

/**
 * The model picker's list (`catalog.chatModels()`) and choice: remembered per workspace, else the
 * `aipass.chat.model` setting. Reloads after sign-in/out and when the service settings change.
 */
export class ChatModels implements vscode.Disposable {
	private options: ModelOption[] = [];
	private loading: Promise<void> | undefined;
	private readonly changed = new vscode.EventEmitter<void>();
	private readonly disposables: vscode.Disposable[] = [this.changed];
	readonly onDidChange = this.changed.event;

	constructor(private readonly services: Services) {
		// Listeners run in order and the catalog is invalidated by another one: reload after they all ran.
		const reloadSoon = (): void => void Promise.resolve().then(() => this.reload());
		this.disposables.push(
			services.auth.onDidChangeSessions(reloadSoon),
			services.config.onDidChange(affects => {
				if (affects('baseUrl') || affects('apiBasePath')) {
					reloadSoon();
				} else if (affects('chat.model')) {
					this.changed.fire();
				}
			}),
		);
	}

	get models(): ModelOption[] {
		return this.options;
	}

	get selected(): string {
		return this.services.context.workspaceState.get<string>(selectedKey) ?? this.services.config.chatModel;
	}

	async select(model: string): Promise<void> {
		await this.services.context.workspaceState.update(selectedKey, model);
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
			const models = await this.services.catalog.chatModels();
			this.options = models.map(toOption).sort((a, b) => a.label.localeCompare(b.label));
			this.changed.fire();
		} catch (e) {
			this.services.log.child('chat').info(`model list unavailable: ${e instanceof Error ? e.message : String(e)}`);
		}
	}

	dispose(): void {
		vscode.Disposable.from(...this.disposables).dispose();
	}
}

function toOption(model: ModelInfo): ModelOption {
	return { id: model.id, label: model.name ?? model.id, vision: model.type === undefined || model.capabilities.includes('vision') };
}
