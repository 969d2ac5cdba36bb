import { randomBytes } from 'node:crypto';
import { type Scope, type TokenCounts } from './types';

/** An opaque 43-character base64url value (32 random bytes), like AI Pass tokens and codes. */
export function opaqueToken(): string {
	return randomBytes(32).toString('base64url');
}

export interface TokenRecord {
	kind: 'access' | 'refresh';
	token: string;
	clientId: string;
	sub: string;
	scopes: Scope[];
	/** One id per authorization-code exchange, carried through every refresh rotation. */
	grantId: string;
	expiresAt: number;
	revoked: boolean;
}

export interface IssueInput {
	clientId: string;
	sub: string;
	scopes: Scope[];
	grantId: string;
	accessTtlSeconds: number;
	refreshTtlSeconds: number;
}

export interface IssuedPair {
	access: TokenRecord;
	refresh: TokenRecord;
	expiresIn: number;
}

/** Access and refresh tokens, with the revocation rules of §5.4 and §10. */
export class TokenStore {
	private readonly byToken = new Map<string, TokenRecord>();

	clear(): void {
		this.byToken.clear();
	}

	issuePair(input: IssueInput): IssuedPair {
		const now = Date.now();
		const base = { clientId: input.clientId, sub: input.sub, scopes: [...input.scopes], grantId: input.grantId, revoked: false };
		const access: TokenRecord = { ...base, kind: 'access', token: opaqueToken(), expiresAt: now + input.accessTtlSeconds * 1000 };
		const refresh: TokenRecord = { ...base, kind: 'refresh', token: opaqueToken(), expiresAt: now + input.refreshTtlSeconds * 1000 };
		this.byToken.set(access.token, access);
		this.byToken.set(refresh.token, refresh);
		return { access, refresh, expiresIn: input.accessTtlSeconds };
	}

	/** Any record for the value, whatever its state. */
	find(token: string): TokenRecord | undefined {
		return this.byToken.get(token);
	}

	/** The record when it is of this kind, not revoked and not expired. */
	findActive(token: string, kind: TokenRecord['kind']): TokenRecord | undefined {
		const record = this.byToken.get(token);
		return record && record.kind === kind && isActive(record, Date.now()) ? record : undefined;
	}

	/** RFC 7009: an access token dies alone; a refresh token takes its whole grant with it. */
	revoke(token: string): void {
		const record = this.byToken.get(token);
		if (!record) {
			return;
		}
		if (record.kind === 'refresh') {
			this.revokeGrant(record.grantId);
		} else {
			record.revoked = true;
		}
	}

	/** Code reuse and refresh rotation: every token of the grant dies. */
	revokeGrant(grantId: string): void {
		for (const record of this.byToken.values()) {
			if (record.grantId === grantId) {
				record.revoked = true;
			}
		}
	}

	/** Marks live access tokens (of one user, or all) as expired; returns how many. */
	expireAccess(sub?: string): number {
		const now = Date.now();
		let count = 0;
		for (const record of this.byToken.values()) {
			if (record.kind === 'access' && isActive(record, now) && (sub === undefined || record.sub === sub)) {
				record.expiresAt = now - 1;
				count++;
			}
		}
		return count;
	}

	counts(): TokenCounts {
		const now = Date.now();
		const counts: TokenCounts = {};
		for (const record of this.byToken.values()) {
			if (!isActive(record, now)) {
				continue;
			}
			const entry = counts[record.sub] ?? { access: 0, refresh: 0 };
			entry[record.kind]++;
			counts[record.sub] = entry;
		}
		return counts;
	}
}

function isActive(record: TokenRecord, now: number): boolean {
	return !record.revoked && record.expiresAt > now;
}
