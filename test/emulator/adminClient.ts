import {
	type BudgetUpdate, type BudgetView, type ChatReply, type ClientSeed, type ClientView, type EmulatorConfig, type Fault,
	type LogEntry, type RequestFilter, type TokenCounts, type TokenStatus, type UserSeed, type UserView,
} from './types';

/**
 * Typed client of the emulator's admin API (`/__admin/`). Uses only the global `fetch`, so it runs
 * in Node, the VS Code extension host and browsers alike.
 */
export class EmulatorAdmin {
	private readonly base: string;

	constructor(baseUrl: string) {
		this.base = `${baseUrl.replace(/\/+$/, '')}/__admin`;
	}

	/** Everything back to the seed: clients, users, budgets, tokens, log, faults, replies, config. */
	async reset(): Promise<void> {
		await this.call('POST', 'reset');
	}

	/** The request log (admin requests are never in it), optionally only paths containing `filter.path`. */
	requests(filter: RequestFilter = {}): Promise<LogEntry[]> {
		const query = filter.path === undefined ? '' : `?path=${encodeURIComponent(filter.path)}`;
		return this.call<LogEntry[]>('GET', `requests${query}`);
	}

	async clearRequests(): Promise<void> {
		await this.call('DELETE', 'requests');
	}

	clients(): Promise<ClientView[]> {
		return this.call<ClientView[]>('GET', 'clients');
	}

	addClient(client: ClientSeed): Promise<ClientView> {
		return this.call<ClientView>('POST', 'clients', client);
	}

	users(): Promise<UserView[]> {
		return this.call<UserView[]>('GET', 'users');
	}

	addUser(user: UserSeed): Promise<UserView> {
		return this.call<UserView>('POST', 'users', user);
	}

	setBudget(update: BudgetUpdate): Promise<BudgetView> {
		return this.call<BudgetView>('POST', 'budget', update);
	}

	/** Budget of `sub` (default `u_ada`). */
	getBudget(sub?: string): Promise<BudgetView> {
		return this.call<BudgetView>('GET', sub === undefined ? 'budget' : `budget?sub=${encodeURIComponent(sub)}`);
	}

	/** Prices a model (USD); priced models are charged per request, token and unit. */
	setPrice(price: { model: string; perRequest?: number; inputPerToken?: number; outputPerToken?: number; perUnit?: number }): Promise<unknown> {
		return this.call('POST', 'prices', price);
	}

	prices(): Promise<Record<string, { perRequest: number; inputPerToken: number; outputPerToken: number; perUnit: number }>> {
		return this.call('GET', 'prices');
	}

	async clearPrices(): Promise<void> {
		await this.call('DELETE', 'prices');
	}

	/** Arms a fault for the next matching request(s); `expireTokens` applies at once. */
	async fault(fault: Fault): Promise<void> {
		await this.call('POST', 'faults', fault);
	}

	/** Faults still armed, with the firings they have left as `times`. */
	faults(): Promise<Fault[]> {
		return this.call<Fault[]>('GET', 'faults');
	}

	async clearFaults(): Promise<void> {
		await this.call('DELETE', 'faults');
	}

	/** The default chat reply, or with `once: true` a reply queued for one completion. */
	async setChatReply(reply: ChatReply): Promise<void> {
		await this.call('POST', 'chat-reply', reply);
	}

	async clearChatReply(): Promise<void> {
		await this.call('DELETE', 'chat-reply');
	}

	getConfig(): Promise<EmulatorConfig> {
		return this.call<EmulatorConfig>('GET', 'config');
	}

	/** Changes some settings; returns the whole config. */
	setConfig(config: Partial<EmulatorConfig>): Promise<EmulatorConfig> {
		return this.call<EmulatorConfig>('POST', 'config', config);
	}

	/** Expires the live access tokens of `sub` (or everyone's); returns how many. */
	async expireTokens(sub?: string): Promise<number> {
		const result = await this.call<{ expired: number }>('POST', 'expire-tokens', sub === undefined ? {} : { sub });
		return result.expired;
	}

	/** Live access and refresh tokens per user (counts only). */
	tokens(): Promise<TokenCounts> {
		return this.call<TokenCounts>('GET', 'tokens');
	}

	/** Whether each of these token values is active, revoked, expired or unknown to the server. */
	tokenStatus(tokens: readonly string[]): Promise<TokenStatus[]> {
		return this.call<TokenStatus[]>('POST', 'token-status', { tokens });
	}

	/** Lets every refresh held by a `holdRefresh` fault answer; returns how many. */
	async releaseRefreshes(): Promise<number> {
		const result = await this.call<{ released: number }>('POST', 'release-refreshes');
		return result.released;
	}

	/** How many authorization requests wait on the consent page. */
	async pendingAuthorizations(): Promise<number> {
		const result = await this.call<{ count: number }>('GET', 'pending-authorizations');
		return result.count;
	}

	/** A URL on the emulator that redirects a browser to `to` (to play a stray or replayed callback). */
	redirectUrl(to: string): string {
		return `${this.base}/redirect?to=${encodeURIComponent(to)}`;
	}

	private async call<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
		const response = await fetch(`${this.base}/${path}`, {
			method,
			headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok) {
			throw new Error(`Emulator admin ${method} ${path} failed with ${response.status}: ${text}`);
		}
		// The admin API's own responses: trusted to match T.
		return JSON.parse(text) as T;
	}
}
