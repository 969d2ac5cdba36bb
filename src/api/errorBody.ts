import { isRecord, optionalString, tryParseJson } from './json';

/** What an error body says, whichever of the documented shapes it came in. */
export interface ErrorBodyInfo {
	/** The server's own words, or the status text when the body says nothing usable. */
	message: string;
	budgetExceeded: boolean;
	invalidModel: boolean;
	/** The model id named by an "Invalid model name … model=X." message. */
	model?: string;
}

const MAX_MESSAGE_LENGTH = 300;
const BUDGET_MESSAGE = /Budget has been exceeded|ExceededBudget/;
const BUDGET_CODE = /^(budget_exceeded|insufficient_balance|INSUFFICIENT_BALANCE)$/;
const INVALID_MODEL_ID = /Invalid model name passed in model=(\S+?)\.?(?:\s|'|"|$)/;

/**
 * Reads the LiteLLM envelope `{error:{message,type,param,code}}`, the AI Pass envelope
 * `{success:false,message,error}`, RFC 6749 `{error,error_description}`, FastAPI `{detail}`,
 * plain text or nothing.
 */
export function describeErrorBody(text: string, fallback: string, secrets: readonly string[]): ErrorBodyInfo {
	const { message, codes } = extract(text);
	const clean = redact(message.trim() || fallback, secrets);
	const model = INVALID_MODEL_ID.exec(clean)?.[1];
	return {
		message: clean.length > MAX_MESSAGE_LENGTH ? `${clean.slice(0, MAX_MESSAGE_LENGTH)}…` : clean,
		budgetExceeded: BUDGET_MESSAGE.test(clean) || codes.some((code) => BUDGET_CODE.test(code)),
		invalidModel: clean.includes('Invalid model name'),
		model,
	};
}

function extract(text: string): { message: string; codes: string[] } {
	const json = tryParseJson(text);
	if (!isRecord(json)) {
		// Plain text; an HTML error page says nothing a user could act on.
		return { message: text.trimStart().startsWith('<') ? '' : text, codes: [] };
	}
	const error = json.error;
	if (isRecord(error)) {
		return { message: optionalString(error.message) ?? '', codes: strings(error.type, error.code) };
	}
	const message = optionalString(json.message) ?? optionalString(json.error_description)
		?? detailMessage(json.detail) ?? optionalString(error) ?? '';
	return { message, codes: strings(error, json.type, json.code) };
}

function detailMessage(detail: unknown): string | undefined {
	if (typeof detail === 'string') {
		return detail;
	}
	return isRecord(detail) ? optionalString(detail.message) ?? optionalString(detail.error) : undefined;
}

function strings(...values: unknown[]): string[] {
	return values.filter((value): value is string => typeof value === 'string');
}

function redact(text: string, secrets: readonly string[]): string {
	let result = text;
	for (const secret of secrets) {
		if (secret !== '') {
			result = result.split(secret).join('[redacted]');
		}
	}
	return result.replace(/Bearer\s+[\w.~+/=-]+/gi, 'Bearer [redacted]');
}

/** `Retry-After` as delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
	if (header === null || header.trim() === '') {
		return undefined;
	}
	const value = header.trim();
	if (/^\d+$/.test(value)) {
		return Number(value);
	}
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}
