import * as vscode from 'vscode';

/** The service's public REST integration playbook, shipped with the extension (media/). */
export const playbookPath = ['media', 'aipass-rest-playbook.txt'] as const;

/** Platforms `/integrate` names in its help; any other name is passed on as written. */
export const knownPlatforms = ['Flutter', 'Web (browser JavaScript)', 'Node.js', 'Python', 'CLI (curl)', 'Android (Kotlin)', 'iOS (Swift)', 'React Native'] as const;

/** Reads the playbook once, on first use (never during activation); a failed read is retried next time. */
export class Playbook {
	private text: Promise<string> | undefined;

	constructor(readonly uri: vscode.Uri) {}

	read(): Promise<string> {
		if (this.text === undefined) {
			const reading = Promise.resolve(vscode.workspace.fs.readFile(this.uri)).then(bytes => new TextDecoder().decode(bytes));
			reading.catch(() => {
				if (this.text === reading) {
					this.text = undefined;
				}
			});
			this.text = reading;
		}
		return this.text;
	}
}

/** `/integrate flutter with riverpod` → platform `flutter`, the rest is the developer's own question. */
export function parseIntegrateRequest(prompt: string): { platform: string; details: string } | undefined {
	const match = /^\s*(\S+)\s*([\s\S]*)$/.exec(prompt);
	return match ? { platform: match[1], details: match[2].trim() } : undefined;
}

/** The system prompt of `/integrate`: the playbook verbatim, and how to use it. */
export function integrationSystemPrompt(playbook: string, platform: string): string {
	return [
		`You help a developer integrate AI Pass (https://aipass.one) into a ${platform} app or tool.`,
		'Ground every endpoint, request field, header and flow in the AI Pass REST playbook below; do not invent endpoints or fields,',
		'and say so when the playbook does not cover something.',
		`Answer with numbered steps and complete, idiomatic ${platform} code for: registering an OAuth client; PKCE (S256) and state;`,
		'opening /oauth2/authorize; exchanging the code and refreshing at /oauth2/token (camelCase JSON body); storing tokens securely;',
		'calling /oauth2/v1/chat/completions with the Bearer token (streaming over SSE); reading the balance from',
		'/api/v1/usage/me/summary; and handling 401 (refresh once, then sign in again) and 402 (budget exhausted: tell the user).',
		'Keep prose short; use Markdown with fenced code blocks.',
		'',
		'<aipass-rest-playbook>',
		playbook.trim(),
		'</aipass-rest-playbook>',
	].join('\n');
}
