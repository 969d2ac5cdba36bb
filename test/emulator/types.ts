/**
 * Types shared by the emulator server, its admin client and the tests.
 * No runtime imports: the admin client that uses these is bundled into the extension host and browsers.
 */

export type Scope = 'api:access' | 'profile:read';

/** A client as the admin API and `EmulatorOptions.seedClients` take it. */
export interface ClientSeed {
	clientId: string;
	clientName?: string;
	/** `null` = validated dynamic callbacks; an array = exact allowlist; `[]` = no callback allowed. */
	redirectUris: string[] | null;
	scopes?: Scope[];
	requireConsent?: boolean;
	accessTokenTtlSeconds?: number;
	refreshTokenTtlSeconds?: number;
	/** Confidential clients only; when set, a `clientSecret` sent to /oauth2/token must match. */
	clientSecret?: string;
}

/** The Management API's OAuth2ClientDto (also what the admin API returns for a client). */
export interface ClientView {
	id: number;
	clientId: string;
	clientName: string;
	clientType: 'PUBLIC';
	redirectUris: string[] | null;
	scopes: Scope[];
	accessTokenTtlSeconds: number;
	refreshTokenTtlSeconds: number;
	requirePkce: true;
	requireConsent: boolean;
	isActive: true;
	createdAt: string;
	updatedAt: string;
}

export interface UserSeed {
	sub: string;
	name: string;
	email: string;
	emailVerified?: boolean;
	preferredUsername?: string;
	maxBudget?: number;
	totalCost?: number;
}

export interface UserView {
	sub: string;
	name: string;
	email: string;
	emailVerified: boolean;
	preferredUsername: string;
	updatedAt: string;
}

export interface BudgetView {
	sub: string;
	maxBudget: number;
	totalCost: number;
	remainingBudget: number;
}

export interface BudgetUpdate {
	/** Defaults to `u_ada`. */
	sub?: string;
	maxBudget?: number;
	totalCost?: number;
}

export interface EmulatorConfig {
	/** Skip the consent page and answer every authorization with this decision. */
	autoApprove: 'allow' | 'deny' | null;
	/** The account used when consent is skipped (autoApprove or requireConsent false). */
	autoApproveUser: string;
	codeTtlSeconds: number;
	/** Overrides every client's access-token TTL (`expires_in`) when not null. */
	accessTokenTtlSeconds: number | null;
	/** Overlapping refreshes of one refresh token: the second gets 503 + Retry-After: 1. */
	refreshConflict: boolean;
	chunkDelayMs: number;
	/** Demo mode (the playground): model-like Markdown answers, image descriptions, drawn images. */
	demo: boolean;
	/** Default shape of GET /models when `detailed` is absent. */
	modelsShape: 'list' | 'strings';
	/** `aipass`: 402 envelope; `litellm`: 400 `budget_exceeded`. */
	budgetErrorStyle: 'aipass' | 'litellm';
	/** `openai`: VideoObject; `videoId`: `{videoId}` + `/videos/{id}/status`. */
	videoShape: 'openai' | 'videoId';
	videoPollsToComplete: number;
	/** Where `/oauth2/revoke` looks for the token: `any` (query, then form or JSON body), only `query`, only `body`. */
	revokeReads: 'any' | 'query' | 'body';
}

export type FaultSpec =
	| { kind: 'expireTokens'; sub?: string }
	| { kind: 'failNextRefresh'; status?: 400 | 401 | 500 | 503; error?: string }
	| { kind: 'holdRefresh' }
	| { kind: 'userinfoForbidden' }
	| { kind: 'summaryUnsuccessful'; message?: string }
	| { kind: 'dropStream'; afterChunks: number }
	| { kind: 'errorFrame'; afterChunks: number; withDone?: boolean; budget?: boolean }
	| { kind: 'malformedSse' }
	| { kind: 'stallStream'; afterChunks: number }
	| { kind: 'rateLimit'; retryAfter: number; path?: string }
	| { kind: 'serverError'; status?: 500 | 502 | 503; path?: string }
	| { kind: 'hang'; path?: string }
	| { kind: 'unauthorized'; path?: string }
	| { kind: 'dropConnection'; path?: string }
	| { kind: 'hugeBody'; bytes: number; contentLength?: number; status?: number; path?: string }
	| { kind: 'failVideoPoll'; status?: 500 | 502 | 503 | 'drop' }
	| { kind: 'videoFails' };

/** A fault applies to the next matching request(s): once, or `times` times. */
export type Fault = FaultSpec & { times?: number };

export type FaultKind = FaultSpec['kind'];

export interface ChatReply {
	content: string;
	/** Queue this reply for one completion instead of making it the default. */
	once?: boolean;
}

export type ImageFormat = 'png' | 'jpeg' | 'gif' | 'webp' | 'unknown';

/** What the emulator saw in one image of a chat request. */
export interface ImageRecord {
	declaredMime: string | null;
	format: ImageFormat;
	bytes: number;
	width: number;
	height: number;
	/** Set for http(s) image URLs, which the emulator does not fetch. */
	url?: string;
}

/** One part of a multipart body as the request log shows it. */
export interface LoggedPart {
	name: string;
	filename: string | null;
	type: string | null;
	size: number;
	/** Text fields only. */
	value?: string;
}

export interface LogEntry {
	seq: number;
	time: string;
	method: string;
	path: string;
	query: Record<string, string | string[]>;
	headers: Record<string, string>;
	/** Parsed JSON, form fields, multipart parts, a byte length for other bodies, or null when empty. */
	body: unknown;
	/** Null while the request has not been answered (e.g. a `hang` fault). */
	status: number | null;
	images?: ImageRecord[];
}

export interface RequestFilter {
	/** Substring of the request path. */
	path?: string;
}

/** What the emulator knows of one token value (admin `token-status`). */
export type TokenStatus = 'active' | 'revoked' | 'expired' | 'unknown';

export type TokenCounts = Record<string, { access: number; refresh: number }>;
