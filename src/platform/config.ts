import * as vscode from 'vscode';
import { isSpeechFormat, isSpeechVoice, type SpeechFormat, type SpeechVoice } from '../api/mediaFormats';
import { isInsecureServiceUrl } from './serviceUrl';

export const configSection = 'aipass';

/** `aipass.baseUrl` is plain http to a host off this machine: nothing is sent there. `message` is user text. */
export class InsecureBaseUrlError extends Error {
	constructor(readonly url: string) {
		super(vscode.l10n.t('AI Pass does not use the base URL {0}: sign-in codes and tokens would travel unencrypted. Set aipass.baseUrl to an https:// address (plain http:// is accepted only for this machine, e.g. http://127.0.0.1).', url));
		this.name = 'InsecureBaseUrlError';
	}
}

/** Typed, read-on-demand access to the `aipass.*` settings (never cached: settings can change at any time). */
export class Config {
	private get section(): vscode.WorkspaceConfiguration {
		return vscode.workspace.getConfiguration(configSection);
	}

	/**
	 * Origin of the service without a trailing slash, e.g. `https://aipass.one`, for sending requests:
	 * throws `InsecureBaseUrlError` for plain http to a host that is not loopback.
	 */
	get baseUrl(): string {
		const url = this.configuredBaseUrl;
		if (isInsecureServiceUrl(url)) {
			throw new InsecureBaseUrlError(url);
		}
		return url;
	}

	/** The setting as configured, never refused: for identity (which sessions belong here) and logs, never to send to. */
	get configuredBaseUrl(): string {
		return trimTrailingSlashes(this.section.get<string>('baseUrl', 'https://aipass.one').trim() || 'https://aipass.one');
	}

	/** The AI Pass dashboard, where the user tops up the wallet (opened in the browser, no token). */
	get dashboardUrl(): string {
		return `${this.configuredBaseUrl}/panel/dashboard`;
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

	get chatModel(): string { return this.restricted<string>('chat.model', 'gpt-5-mini'); }
	get visionModel(): string { return this.restricted<string>('vision.model', 'gpt-5-mini'); }
	/** `aipass.apply.model`: the model that merges a partial snippet into a file ('' = a fast one from the catalog). */
	get applyModel(): string { return this.restricted<string>('apply.model', '').trim(); }
	/** Sent as the system message of every chat request when not empty. */
	get chatSystemPrompt(): string { return this.restricted<string>('chat.systemPrompt', ''); }

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
		return this.restricted<string>('media.outputFolder', 'aipass-media').trim() || 'aipass-media';
	}

	get speechVoice(): SpeechVoice {
		const value = this.restricted<string>('speech.voice', 'alloy');
		return isSpeechVoice(value) ? value : 'alloy';
	}

	get speechFormat(): SpeechFormat {
		const value = this.restricted<string>('speech.format', 'mp3');
		return isSpeechFormat(value) ? value : 'mp3';
	}

	async setClientId(clientId: string): Promise<void> {
		await this.section.update('clientId', clientId, vscode.ConfigurationTarget.Global);
	}

	onDidChange(listener: (affects: (key: string) => boolean) => void): vscode.Disposable {
		return vscode.Disposable.from(
			vscode.workspace.onDidChangeConfiguration(e => {
				if (e.affectsConfiguration(configSection)) {
					listener(key => e.affectsConfiguration(`${configSection}.${key}`));
				}
			}),
			// Trusting the folder brings its restricted settings into effect.
			vscode.workspace.onDidGrantWorkspaceTrust(() => listener(key => restrictedKeys.has(key))),
		);
	}

	/**
	 * A setting listed in package.json `restrictedConfigurations` (what is sent, what it costs, where
	 * files go): in Restricted Mode only the user's own value counts, never the workspace's.
	 */
	private restricted<T>(key: RestrictedKey, fallback: T): T {
		if (vscode.workspace.isTrusted) {
			return this.section.get<T>(key, fallback);
		}
		const inspected = this.section.inspect<T>(key);
		return inspected?.globalValue ?? inspected?.defaultValue ?? fallback;
	}
}

/** Each is in package.json `capabilities.untrustedWorkspaces.restrictedConfigurations`, which VS Code applies too. */
const restrictedSettings = ['chat.model', 'chat.systemPrompt', 'vision.model', 'media.outputFolder', 'speech.voice', 'speech.format', 'apply.model'] as const;
type RestrictedKey = typeof restrictedSettings[number];
const restrictedKeys: ReadonlySet<string> = new Set(restrictedSettings);

function trimTrailingSlashes(value: string): string {
	return value.replace(/\/+$/, '');
}
