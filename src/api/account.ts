import { describeErrorBody } from './errorBody';
import { BadRequestError, InvalidResponseError } from './errors';
import { isRecord, optionalString, stringArray } from './json';
import { type UsageSummary, type UserInfo } from './types';

/** GET /oauth2/userinfo is plain JSON (no envelope); `sub` is the identity. */
export function parseUserInfo(json: unknown, route: string): UserInfo {
	const sub = isRecord(json) ? optionalString(json.sub) : undefined;
	if (!isRecord(json) || sub === undefined || sub === '') {
		throw new InvalidResponseError(`${route}: no "sub" in the user info`);
	}
	const info: UserInfo = { sub };
	for (const key of ['name', 'email', 'preferred_username', 'picture'] as const) {
		const value = optionalString(json[key]);
		if (value !== undefined) {
			info[key] = value;
		}
	}
	if (typeof json.email_verified === 'boolean') {
		info.email_verified = json.email_verified;
	}
	if (Array.isArray(json.scopes)) {
		info.scopes = stringArray(json.scopes);
	}
	return info;
}

/**
 * `{success, data:{totalCost,maxBudget,remainingBudget}}`, or the bare object (read `data ?? payload`).
 * `success: false` (even with a 200) is a refusal: the server's `message` becomes the user message,
 * bounded and on one line (it is the server's text: whoever shows it escapes it for where it goes).
 */
export function parseUsageSummary(json: unknown, route: string): UsageSummary {
	if (isRecord(json) && json.success === false) {
		const { message } = describeErrorBody(JSON.stringify({ message: json.message }), 'the usage summary is unavailable', []);
		const plain = message.replace(/[\p{Cc}\s]+/gu, ' ').trim();
		throw new BadRequestError(`${route}: success=false: ${plain}`, plain);
	}
	const payload = isRecord(json) && isRecord(json.data) ? json.data : json;
	if (!isRecord(payload)) {
		throw new InvalidResponseError(`${route}: the usage summary is not an object`);
	}
	const { totalCost, maxBudget, remainingBudget } = payload;
	if (!isAmount(totalCost) || !isAmount(maxBudget) || !isAmount(remainingBudget)) {
		throw new InvalidResponseError(`${route}: the usage summary lacks numeric totalCost, maxBudget and remainingBudget`);
	}
	return { totalCost, maxBudget, remainingBudget };
}

function isAmount(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value);
}
