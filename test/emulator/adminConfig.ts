import { isRecord } from './body';
import { ALL_SCOPES, type EmulatorState } from './state';
import { type ClientSeed, type EmulatorConfig, type UserSeed } from './types';

type Validators = { [K in keyof EmulatorConfig]: (value: unknown) => value is EmulatorConfig[K] };

const isNonNegative = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;
const isString = (value: unknown): value is string => typeof value === 'string' && value !== '';

const VALIDATORS: Validators = {
	autoApprove: (value): value is EmulatorConfig['autoApprove'] => value === null || value === 'allow' || value === 'deny',
	autoApproveUser: isString,
	codeTtlSeconds: isNonNegative,
	accessTokenTtlSeconds: (value): value is number | null => value === null || isNonNegative(value),
	refreshConflict: (value): value is boolean => typeof value === 'boolean',
	chunkDelayMs: isNonNegative,
	demo: (value): value is boolean => typeof value === 'boolean',
	modelsShape: (value): value is EmulatorConfig['modelsShape'] => value === 'list' || value === 'strings',
	budgetErrorStyle: (value): value is EmulatorConfig['budgetErrorStyle'] => value === 'aipass' || value === 'litellm',
	videoShape: (value): value is EmulatorConfig['videoShape'] => value === 'openai' || value === 'videoId',
	videoPollsToComplete: (value): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 1,
	revokeReads: (value): value is EmulatorConfig['revokeReads'] => value === 'any' || value === 'query' || value === 'body',
};

function isConfigKey(key: string): key is keyof EmulatorConfig {
	return Object.hasOwn(VALIDATORS, key);
}

function setValue<K extends keyof EmulatorConfig>(config: EmulatorConfig, key: K, value: unknown): boolean {
	const valid = VALIDATORS[key];
	if (!valid(value)) {
		return false;
	}
	config[key] = value;
	return true;
}

/** Applies a partial config atomically; returns an error message, or null when applied. */
export function applyConfig(state: EmulatorState, input: Record<string, unknown>): string | null {
	const next = { ...state.config };
	for (const [key, value] of Object.entries(input)) {
		if (!isConfigKey(key)) {
			return `Unknown config key "${key}".`;
		}
		if (!setValue(next, key, value)) {
			return `Invalid value for "${key}": ${JSON.stringify(value)}.`;
		}
	}
	if (!state.users.has(next.autoApproveUser)) {
		return `Unknown user "${next.autoApproveUser}".`;
	}
	state.config = next;
	return null;
}

/** Validates an admin client body (ClientSeed). */
export function parseClientSeed(input: Record<string, unknown>): ClientSeed | string {
	const { clientId, clientName, redirectUris, scopes, requireConsent, accessTokenTtlSeconds, refreshTokenTtlSeconds, clientSecret } = input;
	if (!isString(clientId)) {
		return 'clientId is required.';
	}
	if (redirectUris !== null && !(Array.isArray(redirectUris) && redirectUris.every(isString))) {
		return 'redirectUris must be an array of strings or null (dynamic callbacks).';
	}
	if (scopes !== undefined && !(Array.isArray(scopes) && scopes.every((scope) => ALL_SCOPES.some((known) => known === scope)))) {
		return `scopes must be an array of ${ALL_SCOPES.join(', ')}.`;
	}
	const ttls = [accessTokenTtlSeconds, refreshTokenTtlSeconds].filter((ttl) => ttl !== undefined);
	if (!ttls.every(isNonNegative) || (requireConsent !== undefined && typeof requireConsent !== 'boolean')) {
		return 'TTLs must be numbers of seconds and requireConsent a boolean.';
	}
	return {
		clientId,
		redirectUris,
		...(isString(clientName) ? { clientName } : {}),
		...(scopes ? { scopes: ALL_SCOPES.filter((scope) => scopes.includes(scope)) } : {}),
		...(typeof requireConsent === 'boolean' ? { requireConsent } : {}),
		...(isNonNegative(accessTokenTtlSeconds) ? { accessTokenTtlSeconds } : {}),
		...(isNonNegative(refreshTokenTtlSeconds) ? { refreshTokenTtlSeconds } : {}),
		...(isString(clientSecret) ? { clientSecret } : {}),
	};
}

/** Validates an admin user body (UserSeed). */
export function parseUserSeed(input: unknown): UserSeed | string {
	if (!isRecord(input) || !isString(input.sub) || !isString(input.name) || !isString(input.email)) {
		return 'A user needs string sub, name and email.';
	}
	const { sub, name, email, emailVerified, preferredUsername, maxBudget, totalCost } = input;
	return {
		sub, name, email,
		...(typeof emailVerified === 'boolean' ? { emailVerified } : {}),
		...(isString(preferredUsername) ? { preferredUsername } : {}),
		...(typeof maxBudget === 'number' ? { maxBudget } : {}),
		...(typeof totalCost === 'number' ? { totalCost } : {}),
	};
}
