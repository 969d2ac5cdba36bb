import { type ClientSeed, type EmulatorConfig, type UserSeed } from './types';

/** Redirect URI of the exact-allowlist seed client (the desktop VS Code callback). */
const EXACT_REDIRECT_URI = 'vscode://aipass.aipass-vscode/callback';

export const DEFAULT_ACCESS_TTL_SECONDS = 3600;
export const DEFAULT_REFRESH_TTL_SECONDS = 2592000;

export const SEED_CLIENTS: readonly ClientSeed[] = [
	{
		clientId: 'client_vscode_test',
		clientName: 'AI Pass for VS Code (test)',
		redirectUris: null,
		requireConsent: true,
		accessTokenTtlSeconds: DEFAULT_ACCESS_TTL_SECONDS,
		refreshTokenTtlSeconds: DEFAULT_REFRESH_TTL_SECONDS,
	},
	{
		clientId: 'client_exact',
		clientName: 'AI Pass for VS Code (exact callback)',
		redirectUris: [EXACT_REDIRECT_URI],
		requireConsent: true,
		accessTokenTtlSeconds: DEFAULT_ACCESS_TTL_SECONDS,
		refreshTokenTtlSeconds: DEFAULT_REFRESH_TTL_SECONDS,
	},
];

export const SEED_USERS: readonly UserSeed[] = [
	{
		sub: 'u_ada',
		name: 'Ada Lovelace',
		email: 'ada@example.com',
		emailVerified: true,
		preferredUsername: 'ada',
		maxBudget: 10,
		totalCost: 2.45,
	},
	{
		sub: 'u_grace',
		name: 'Grace Hopper',
		email: 'grace@example.com',
		emailVerified: true,
		preferredUsername: 'grace',
		maxBudget: 10,
		totalCost: 2.45,
	},
];

export const DEFAULT_USER = 'u_ada';

/** Milliseconds between streamed words in demo mode: about 40 words a second, as a fast model streams. */
export const DEMO_CHUNK_DELAY_MS = 25;

export function defaultConfig(accessTokenTtlSeconds: number | null, demo = false): EmulatorConfig {
	return {
		autoApprove: null,
		autoApproveUser: DEFAULT_USER,
		codeTtlSeconds: 60,
		accessTokenTtlSeconds,
		refreshConflict: false,
		chunkDelayMs: demo ? DEMO_CHUNK_DELAY_MS : 0,
		demo,
		modelsShape: 'list',
		budgetErrorStyle: 'aipass',
		videoShape: 'openai',
		videoPollsToComplete: 2,
		revokeReads: 'any',
	};
}
