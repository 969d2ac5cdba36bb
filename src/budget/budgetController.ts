import * as vscode from 'vscode';
import { isAiPassError, RateLimitedError } from '../api/errors';
import type { UsageSummary } from '../api/types';
import { messageForUser } from '../platform/errorMessages';
import type { Logger } from '../platform/log';
import { type BudgetFigures, type BudgetSnapshot, type CachedBudget, parseCachedBudget } from './budgetModel';
import { BudgetScheduler, type FetchResult, type RefreshReason } from './scheduler';
import { type SchedulerClock, type SchedulerTiming, systemClock } from './schedulerTiming';

export const budgetCacheKey = 'aipass.budget.lastSummary';

/** The part of the auth provider the budget needs. */
export interface BudgetAuth {
	activeSession(): Promise<{ readonly id: string; readonly accountId: string; readonly accountLabel: string } | undefined>;
	readonly onDidChangeSessions: vscode.Event<unknown>;
}

export interface BudgetControllerDeps {
	readonly auth: BudgetAuth;
	readonly fetchSummary: (signal: AbortSignal) => Promise<UsageSummary>;
	readonly globalState: vscode.Memento;
	readonly baseUrl: () => string;
	readonly intervalMs: number;
	readonly focused: boolean;
	readonly log: Logger;
	readonly clock?: SchedulerClock;
	readonly timing?: Partial<SchedulerTiming>;
	/**
	 * Each successful read, with whose figures they are: the spending ledger reads exact charges here
	 * (the debounced refresh after paid requests is what makes them exact).
	 */
	readonly onSummary?: (summary: UsageSummary, account: string) => void;
}

export interface BudgetSchedule {
	readonly intervalMs: number;
	readonly nextFetch: { readonly at: number; readonly reason: RefreshReason } | undefined;
	readonly lastFetchAt: number | undefined;
	readonly waitingForFocus: boolean;
	readonly fetching: boolean;
}

interface ActiveAccount { readonly sessionId: string; readonly accountId: string; readonly label: string; readonly baseUrl: string }

/**
 * The budget's state: which account is signed in, the last figures (from the cache at startup), and
 * what the last fetch said. It owns the scheduler; the status bar only listens to `onDidChange`.
 */
export class BudgetController implements vscode.Disposable {
	private readonly changeEmitter = new vscode.EventEmitter<BudgetSnapshot>();
	private readonly scheduler: BudgetScheduler;
	private readonly clock: SchedulerClock;
	private readonly subscriptions: vscode.Disposable[] = [this.changeEmitter];
	private account: ActiveAccount | undefined;
	private state: BudgetSnapshot = { signedIn: undefined, fromCache: false, fetching: false, exhausted: false };
	private sessionSync: Promise<void> = Promise.resolve();
	private lastFailure: unknown;

	readonly onDidChange = this.changeEmitter.event;

	constructor(private readonly deps: BudgetControllerDeps) {
		this.clock = deps.clock ?? systemClock;
		this.scheduler = new BudgetScheduler({
			clock: this.clock,
			fetchSummary: deps.fetchSummary,
			intervalMs: deps.intervalMs,
			focused: deps.focused,
			timing: deps.timing,
			retryAfterMs: error => error instanceof RateLimitedError && error.retryAfterSeconds !== undefined ? error.retryAfterSeconds * 1000 : undefined,
			onFetchStart: reason => this.onFetchStart(reason),
			onFetchEnd: (result, reason) => this.onFetchEnd(result, reason),
		});
		const cached = parseCachedBudget(deps.globalState.get(budgetCacheKey));
		if (cached && cached.baseUrl === deps.baseUrl()) {
			// Shown at once, before the sessions are read; dropped if they belong to someone else.
			this.update({ figures: figuresOf(cached), fromCache: true });
		}
		this.subscriptions.push(deps.auth.onDidChangeSessions(() => void this.syncSession()));
		void this.syncSession();
	}

	get snapshot(): BudgetSnapshot { return this.state; }
	/** The error of the last fetch if it failed, for the refresh command to show. */
	get lastError(): unknown { return this.lastFailure; }
	get isFocused(): boolean { return this.scheduler.isFocused; }
	get consecutiveFailures(): number { return this.scheduler.consecutiveFailures; }

	/** The polling plan, for tests and the log. */
	get schedule(): BudgetSchedule {
		const s = this.scheduler;
		return { intervalMs: s.pollIntervalMs, nextFetch: s.nextFetch, lastFetchAt: s.lastFetchTime, waitingForFocus: s.waitingForFocus, fetching: s.isFetching };
	}

	setFocused(focused: boolean): void { this.scheduler.setFocused(focused); }
	setIntervalMs(intervalMs: number): void { this.scheduler.setIntervalMs(intervalMs); }
	paidRequestSettled(): void { this.scheduler.paidRequestSettled(); }

	/** Another feature was refused for lack of budget (HTTP 402): show it now, and re-read the figures soon. */
	noteBudgetExhausted(): void {
		this.update({ exhausted: true });
		this.scheduler.paidRequestSettled();
	}

	/** Fetches now (joining one in flight); re-reads the sessions first. Resolves when done. */
	async refresh(): Promise<void> {
		await this.syncSession();
		await this.scheduler.refresh();
		await this.scheduler.settled();
	}

	/** Resolves when no session read and no fetch is in progress. */
	async settled(): Promise<void> {
		await this.sessionSync;
		await this.scheduler.settled();
	}

	/** Re-reads the active session (sign-in, sign-out, another account, another service). Serialised. */
	syncSession(): Promise<void> {
		this.sessionSync = this.sessionSync.then(() => this.readSession());
		return this.sessionSync;
	}

	dispose(): void {
		this.scheduler.dispose();
		this.subscriptions.forEach(d => d.dispose());
	}

	private async readSession(): Promise<void> {
		let session: Awaited<ReturnType<BudgetAuth['activeSession']>>;
		let known = true;
		try {
			session = await this.deps.auth.activeSession();
		} catch (error) {
			// E.g. a locked keychain: shown as signed out, but the account (and its cached figure) is not gone.
			this.deps.log.warn(`could not read the session (${error instanceof Error ? error.message : String(error)})`);
			session = undefined;
			known = false;
		}
		const baseUrl = this.deps.baseUrl();
		if (!session) {
			if (this.account !== undefined || this.state.signedIn !== false) {
				this.deps.log.info('signed out');
			}
			this.account = undefined;
			this.scheduler.setActive(false);
			this.state = { signedIn: false, fromCache: false, fetching: false, exhausted: false };
			this.changeEmitter.fire(this.state);
			if (known && this.deps.globalState.get(budgetCacheKey) !== undefined) {
				await this.persist(undefined);
			}
			return;
		}
		if (this.account?.sessionId === session.id && this.account.baseUrl === baseUrl) {
			return; // A token rotation, not a new account.
		}
		const cached = parseCachedBudget(this.deps.globalState.get(budgetCacheKey));
		const keep = this.account === undefined && this.state.fromCache && cached?.accountId === session.accountId && cached.baseUrl === baseUrl;
		this.account = { sessionId: session.id, accountId: session.accountId, label: session.accountLabel, baseUrl };
		this.deps.log.info('signed in; fetching the usage summary');
		this.state = keep
			? { ...this.state, signedIn: true, accountLabel: session.accountLabel }
			: { signedIn: true, accountLabel: session.accountLabel, fromCache: false, fetching: false, exhausted: false };
		this.changeEmitter.fire(this.state);
		if (this.scheduler.isActive) {
			this.scheduler.restart();
		} else {
			this.scheduler.setActive(true);
		}
	}

	private onFetchStart(reason: RefreshReason): void {
		this.deps.log.trace(`fetching (${reason})`);
		this.update({ fetching: true });
	}

	private onFetchEnd(result: FetchResult, reason: RefreshReason): void {
		const account = this.account;
		if (result.ok) {
			this.lastFailure = undefined;
			const { remainingBudget, maxBudget, totalCost } = result.summary;
			const figures: BudgetFigures = { remaining: remainingBudget, max: maxBudget, spent: totalCost, fetchedAt: this.clock.now() };
			this.update({ figures, fromCache: false, fetching: false, problem: undefined, exhausted: false });
			if (account) {
				this.deps.onSummary?.(result.summary, `${account.baseUrl} ${account.accountId}`);
				void this.persist({ ...figures, accountId: account.accountId, baseUrl: account.baseUrl });
			}
			return;
		}
		const error = result.error;
		this.lastFailure = error;
		const kind = isAiPassError(error) ? error.kind : undefined;
		this.deps.log.warn(`refresh (${reason}) failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
		if (kind === 'budgetExhausted') {
			this.update({ fetching: false, exhausted: true, problem: undefined });
			return;
		}
		const message = messageForUser(error);
		const offline = kind === 'network' || kind === 'timeout';
		this.update({ fetching: false, problem: { kind: offline ? 'offline' : 'stale', message, since: this.clock.now() } });
		if (kind === 'authExpired' || kind === 'notSignedIn') {
			// The API client already refreshed once. Only the auth provider decides that the session is gone.
			void this.syncSession();
		}
	}

	private update(change: Partial<BudgetSnapshot>): void {
		this.state = { ...this.state, ...change };
		this.changeEmitter.fire(this.state);
	}

	private async persist(value: CachedBudget | undefined): Promise<void> {
		try {
			await this.deps.globalState.update(budgetCacheKey, value);
		} catch (error) {
			this.deps.log.warn(`could not save the cached summary (${error instanceof Error ? error.message : String(error)})`);
		}
	}
}

function figuresOf(cached: CachedBudget): BudgetFigures {
	return { remaining: cached.remaining, max: cached.max, spent: cached.spent, fetchedAt: cached.fetchedAt };
}
