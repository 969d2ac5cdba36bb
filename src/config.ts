import * as vscode from 'vscode';
import { isSpeechFormat, isSpeechVoice, type SpeechFormat, type SpeechVoice } from './media/mediaFormats';

export const configSection = 'aipass';

/** Typed, read-on-demand access to the `aipass.*` settings (never cached: settings can change at any time). */
export class Config {
	private get section(): vscode.WorkspaceConfiguration {
		return vscode.workspace.getConfiguration(configSection);
	}

	/** Origin of the service without a trailing slash, e.g. `https://aipass.one`. */
	get baseUrl(): string {
		return trimTrailingSlashes(this.section.get<string>('baseUrl', 'https://aipass.one').trim() || 'https://aipass.one');
	}

	/** The AI Pass dashboard, where the user tops up the wallet. */
	get dashboardUrl(): string {
		return `${this.baseUrl}/panel/dashboard`;
	}

	/** Model API path, e.g. `/oauth2/v1`: always one leading slash, no trailing slash. */
	get apiBasePath(): string {
		const raw = this.section.get<string>('apiBasePath', '/oauth2/v1').trim() || '/oauth2/v1';
		return '/' + trimTrailingSlashes(raw.replace(/^\/+/, ''));
	}

	get clientId(): string | undefined {
		const value = this.section.get<string>('clientId', '').trim();
		return value === '' ? undefined : value;
	}

	get chatModel(): string { return this.section.get<string>('chat.model', 'gpt-5-mini'); }
	get visionModel(): string { return this.section.get<string>('vision.model', 'gpt-5-mini'); }
	/** Sent as the system message of every chat request when not empty. */
	get chatSystemPrompt(): string { return this.section.get<string>('chat.systemPrompt', ''); }

	get budgetPollIntervalMinutes(): number {
		const value = this.section.get<number>('budget.pollIntervalMinutes', 5);
		return Number.isFinite(value) ? Math.min(60, Math.max(1, value)) : 5;
	}

	get budgetWarnBelow(): number {
		const value = this.section.get<number>('budget.warnBelow', 1);
		return Number.isFinite(value) && value >= 0 ? value : 1;
	}

	/** Ask before a request estimated above this many USD (0: never ask). */
	get budgetConfirmAbove(): number {
		const value = this.section.get<number>('budget.confirmAbove', 0.5);
		return Number.isFinite(value) && value >= 0 ? value : 0.5;
	}

	/** The chat sends at most this many (estimated) tokens of conversation; older turns are left out. */
	get chatMaxContextTokens(): number {
		const value = this.section.get<number>('chat.maxContextTokens', 32_000);
		return Number.isFinite(value) && value >= 1000 ? Math.floor(value) : 32_000;
	}

	/** Where the media commands save files, relative to the first workspace folder. */
	get mediaOutputFolder(): string {
		return this.section.get<string>('media.outputFolder', 'aipass-media').trim() || 'aipass-media';
	}

	get speechVoice(): SpeechVoice {
		const value = this.section.get<string>('speech.voice', 'alloy');
		return isSpeechVoice(value) ? value : 'alloy';
	}

	get speechFormat(): SpeechFormat {
		const value = this.section.get<string>('speech.format', 'mp3');
		return isSpeechFormat(value) ? value : 'mp3';
	}

	async setClientId(clientId: string): Promise<void> {
		await this.section.update('clientId', clientId, vscode.ConfigurationTarget.Global);
	}

	onDidChange(listener: (affects: (key: string) => boolean) => void): vscode.Disposable {
		return vscode.workspace.onDidChangeConfiguration(e => {
			if (e.affectsConfiguration(configSection)) {
				listener(key => e.affectsConfiguration(`${configSection}.${key}`));
			}
		});
	}
}

function trimTrailingSlashes(value: string): string {
	return value.replace(/\/+$/, '');
}
