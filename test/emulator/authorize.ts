import { consentPage, errorPage } from './consentPage';
import { type Ctx, randomId, redirect, sendHtml } from './http';
import { redirectAllowed } from './redirectUris';
import { DEFAULT_USER } from './seed';
import { ALL_SCOPES, type ClientRecord, type PendingAuthorization } from './state';
import { opaqueToken } from './tokenStore';
import { type Scope } from './types';

const CHALLENGE_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** GET /oauth2/authorize (spec §4). Nothing redirects until the client and callback are trusted. */
export function handleAuthorize(ctx: Ctx): void {
	const query = ctx.query;
	const clientId = query.get('client_id');
	const client = clientId === null ? undefined : ctx.state.clients.get(clientId);
	if (!client) {
		sendHtml(ctx, 400, errorPage('invalid_client', clientId === null ? 'client_id is required.' : 'Unknown client_id.'));
		return;
	}
	const requested = query.get('redirect_uri');
	if (requested === null) {
		sendHtml(ctx, 400, errorPage('invalid_request', 'redirect_uri is required.'));
		return;
	}
	const check = redirectAllowed(client.redirectUris, requested);
	if (!check.ok) {
		sendHtml(ctx, 400, errorPage('invalid_request', `${check.reason}.`));
		return;
	}
	const redirectUri = check.uri;
	const state = query.get('state');
	const fail = (error: string, description: string): void =>
		redirect(ctx, withParams(redirectUri, { error, error_description: description, state }));

	if (query.get('response_type') !== 'code') {
		fail('unsupported_response_type', 'response_type must be "code".');
		return;
	}
	const challenge = query.get('code_challenge');
	if (challenge === null || challenge === '') {
		fail('invalid_request', 'code_challenge is required (PKCE).');
		return;
	}
	if (query.get('code_challenge_method') !== 'S256') {
		fail('invalid_request', 'code_challenge_method must be S256.');
		return;
	}
	if (!CHALLENGE_PATTERN.test(challenge)) {
		fail('invalid_request', 'code_challenge must be BASE64URL(SHA256(code_verifier)) without padding.');
		return;
	}
	const scopes = grantedScopes(client, query.get('scope'));
	if (typeof scopes === 'string') {
		fail('invalid_scope', scopes);
		return;
	}
	const pending: PendingAuthorization = { clientId: client.clientId, redirectUri, scopes, state, codeChallenge: challenge };
	const auto = automaticDecision(ctx, client);
	if (auto) {
		complete(ctx, pending, auto.allow, auto.sub);
		return;
	}
	const requestId = randomId(24);
	ctx.state.pending.set(requestId, pending);
	const users = [...ctx.state.users.values()];
	sendHtml(ctx, 200, consentPage({
		requestId, clientName: client.clientName, clientId: client.clientId, scopes, users, defaultUser: DEFAULT_USER, redirectUri,
	}));
}

/** POST /oauth2/authorize/decision: the consent form. */
export function handleDecision(ctx: Ctx): void {
	const form = ctx.body.kind === 'form' ? ctx.body.params : null;
	const requestId = form?.get('request_id') ?? '';
	const pending = ctx.state.pending.get(requestId);
	if (!form || !pending) {
		sendHtml(ctx, 400, errorPage('invalid_request', 'This authorization request is unknown or was already answered.'));
		return;
	}
	const decision = form.get('decision');
	const sub = form.get('user') ?? DEFAULT_USER;
	if ((decision !== 'allow' && decision !== 'deny') || !ctx.state.users.has(sub)) {
		sendHtml(ctx, 400, errorPage('invalid_request', 'Choose Allow or Deny and a known account.'));
		return;
	}
	ctx.state.pending.delete(requestId);
	complete(ctx, pending, decision === 'allow', sub);
}

function complete(ctx: Ctx, pending: PendingAuthorization, allow: boolean, sub: string): void {
	if (!allow) {
		redirect(ctx, withParams(pending.redirectUri, {
			error: 'access_denied', error_description: 'The user denied the authorization request.', state: pending.state,
		}));
		return;
	}
	const code = opaqueToken();
	ctx.state.codes.set(code, {
		clientId: pending.clientId,
		redirectUri: pending.redirectUri,
		codeChallenge: pending.codeChallenge,
		scopes: pending.scopes,
		sub,
		expiresAt: Date.now() + ctx.state.config.codeTtlSeconds * 1000,
		used: false,
		grantId: randomId(),
	});
	redirect(ctx, withParams(pending.redirectUri, { code, state: pending.state }));
}

function automaticDecision(ctx: Ctx, client: ClientRecord): { allow: boolean; sub: string } | null {
	const { autoApprove, autoApproveUser } = ctx.state.config;
	if (autoApprove !== null) {
		return { allow: autoApprove === 'allow', sub: autoApproveUser };
	}
	return client.requireConsent ? null : { allow: true, sub: autoApproveUser };
}

/** Requested scopes in canonical order, the client's scopes when none are asked for, or an error. */
function grantedScopes(client: ClientRecord, scopeParam: string | null): Scope[] | string {
	const requested = (scopeParam ?? '').split(/\s+/).filter((scope) => scope !== '');
	if (requested.length === 0) {
		return [...client.scopes];
	}
	const unknown = requested.filter((scope) => !client.scopes.some((allowed) => allowed === scope));
	if (unknown.length > 0) {
		return `Unknown or not permitted scope: ${unknown.join(' ')}.`;
	}
	return ALL_SCOPES.filter((scope) => requested.includes(scope));
}

/** Appends parameters, keeping an existing query (VS Code web callbacks carry one) byte for byte. */
function withParams(uri: string, params: Record<string, string | null>): string {
	const query = Object.entries(params)
		.flatMap(([key, value]) => (value === null ? [] : [`${key}=${encodeURIComponent(value)}`]))
		.join('&');
	const separator = !uri.includes('?') ? '?' : uri.endsWith('?') || uri.endsWith('&') ? '' : '&';
	return uri + separator + query;
}
