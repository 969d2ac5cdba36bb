import type { ModelPrice } from './budget';
import { FaultStore } from './faults';
import { DEFAULT_ACCESS_TTL_SECONDS, DEFAULT_REFRESH_TTL_SECONDS, SEED_CLIENTS, SEED_USERS, defaultConfig } from './seed';
import { TokenStore } from './tokenStore';
import {
	type ClientSeed, type ClientView, type EmulatorConfig, type LogEntry, type Scope, type UserSeed, type UserView,
} from './types';

export const ALL_SCOPES: readonly Scope[] = ['api:access', 'profile:read'];

export interface ClientRecord {
	id: number;
	clientId: string;
	clientName: string;
	clientSecret: string | null;
	redirectUris: string[] | null;
	scopes: Scope[];
	requireConsent: boolean;
	accessTokenTtlSeconds: number;
	refreshTokenTtlSeconds: number;
	/** The user who registered it through the Management API; null for seeded and admin clients. */
	ownerSub: string | null;
	createdAt: string;
}

export interface BudgetRecord {
	maxBudget: number;
	totalCost: number;
}

/** An authorization request waiting on the consent page. */
export interface PendingAuthorization {
	clientId: string;
	redirectUri: string;
	scopes: Scope[];
	state: string | null;
	codeChallenge: string;
}

export interface CodeRecord {
	clientId: string;
	redirectUri: string;
	codeChallenge: string;
	scopes: Scope[];
	sub: string;
	expiresAt: number;
	used: boolean;
	grantId: string;
}

export interface VideoRecord {
	id: string;
	sub: string;
	model: string;
	prompt: string;
	seconds: string;
	size: string;
	createdAt: number;
	polls: number;
	status: 'queued' | 'in_progress' | 'completed' | 'failed';
	progress: number;
	completedAt: number | null;
	willFail: boolean;
	remixedFrom: string | null;
	/** `/__media/` URL of the video file, once completed. */
	downloadUrl: string | null;
}

export interface MediaRecord {
	contentType: string;
	bytes: Buffer;
}

export interface SeedOptions {
	seedClients: readonly ClientSeed[];
	accessTokenTtlSeconds: number | null;
	/** Demo mode from the start and after every reset. */
	demo?: boolean;
}

/** Everything the emulator remembers; `reset()` puts it back to the seed. */
export class EmulatorState {
	readonly clients = new Map<string, ClientRecord>();
	readonly users = new Map<string, UserView>();
	readonly budgets = new Map<string, BudgetRecord>();
	readonly pending = new Map<string, PendingAuthorization>();
	readonly codes = new Map<string, CodeRecord>();
	readonly tokens = new TokenStore();
	readonly faults = new FaultStore();
	readonly videos = new Map<string, VideoRecord>();
	readonly media = new Map<string, MediaRecord>();
	/** Per-model prices set through the admin API (models without one cost the route's default). */
	readonly prices = new Map<string, ModelPrice>();
	/** Refresh tokens whose refresh is being processed (for `refreshConflict`). */
	/** Refreshes held open by `refreshConflict`, by refresh token: calling the value lets the held one finish. */
	readonly refreshesInFlight = new Map<string, () => void>();
	/** Refreshes that rotated but hold their answer (`holdRefresh`) until `releaseHeldRefreshes()`. */
	private readonly heldRefreshes: Array<() => void> = [];
	readonly log: LogEntry[] = [];
	readonly chatReplies: { sticky: string | null; queue: string[] } = { sticky: null, queue: [] };
	config: EmulatorConfig;
	private nextSeq = 1;
	private nextClientId = 1;

	constructor(private readonly seed: SeedOptions) {
		this.config = defaultConfig(seed.accessTokenTtlSeconds, seed.demo);
		this.reset();
	}

	reset(): void {
		for (const store of [this.clients, this.users, this.budgets, this.pending, this.codes, this.videos, this.media, this.prices]) {
			store.clear();
		}
		this.tokens.clear();
		this.faults.clear();
		this.refreshesInFlight.clear();
		this.releaseHeldRefreshes();
		this.log.length = 0;
		this.chatReplies.sticky = null;
		this.chatReplies.queue = [];
		this.config = defaultConfig(this.seed.accessTokenTtlSeconds, this.seed.demo);
		this.nextSeq = 1;
		this.nextClientId = 1;
		for (const client of [...SEED_CLIENTS, ...this.seed.seedClients]) {
			this.addClient(client, null);
		}
		for (const user of SEED_USERS) {
			this.addUser(user);
		}
	}

	addClient(seed: ClientSeed, ownerSub: string | null): ClientRecord {
		const record: ClientRecord = {
			id: this.nextClientId++,
			clientId: seed.clientId,
			clientName: seed.clientName ?? seed.clientId,
			clientSecret: seed.clientSecret ?? null,
			redirectUris: seed.redirectUris === null ? null : seed.redirectUris.map((uri) => uri.trim()),
			scopes: seed.scopes ? [...seed.scopes] : [...ALL_SCOPES],
			requireConsent: seed.requireConsent ?? true,
			accessTokenTtlSeconds: seed.accessTokenTtlSeconds ?? DEFAULT_ACCESS_TTL_SECONDS,
			refreshTokenTtlSeconds: seed.refreshTokenTtlSeconds ?? DEFAULT_REFRESH_TTL_SECONDS,
			ownerSub,
			createdAt: localDateTime(),
		};
		this.clients.set(record.clientId, record);
		return record;
	}

	addUser(seed: UserSeed): UserView {
		const user: UserView = {
			sub: seed.sub,
			name: seed.name,
			email: seed.email,
			emailVerified: seed.emailVerified ?? true,
			preferredUsername: seed.preferredUsername ?? seed.email.split('@')[0],
			updatedAt: '2026-07-15T12:00:00Z',
		};
		this.users.set(user.sub, user);
		this.budgets.set(user.sub, { maxBudget: seed.maxBudget ?? 10, totalCost: seed.totalCost ?? 0 });
		return user;
	}

	/** Resolves when the admin API releases held refresh answers. */
	holdRefresh(): Promise<void> {
		return new Promise((resolve) => this.heldRefreshes.push(resolve));
	}

	/** Lets every held refresh answer; returns how many there were. */
	releaseHeldRefreshes(): number {
		const held = this.heldRefreshes.splice(0);
		held.forEach((release) => release());
		return held.length;
	}

	/** Starts a request-log entry; the response helpers fill in `status`. */
	recordRequest(entry: Omit<LogEntry, 'seq' | 'time' | 'status'>): LogEntry {
		const full: LogEntry = { seq: this.nextSeq++, time: new Date().toISOString(), status: null, ...entry };
		this.log.push(full);
		return full;
	}

	/** The next canned chat reply, if any: queued one-shot replies first, then the sticky one. */
	takeChatReply(): string | null {
		return this.chatReplies.queue.shift() ?? this.chatReplies.sticky;
	}
}

export function clientView(client: ClientRecord): ClientView {
	return {
		id: client.id,
		clientId: client.clientId,
		clientName: client.clientName,
		clientType: 'PUBLIC',
		redirectUris: client.redirectUris === null ? null : [...client.redirectUris],
		scopes: [...client.scopes],
		accessTokenTtlSeconds: client.accessTokenTtlSeconds,
		refreshTokenTtlSeconds: client.refreshTokenTtlSeconds,
		requirePkce: true,
		requireConsent: client.requireConsent,
		isActive: true,
		createdAt: client.createdAt,
		updatedAt: client.createdAt,
	};
}

/** Java `LocalDateTime` style, as the Management API prints it: `2024-01-15T10:00:00`. */
export function localDateTime(date = new Date()): string {
	return date.toISOString().slice(0, 19);
}
