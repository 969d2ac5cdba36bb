import { extractJsonObject } from './jsonExtract';

/** The receipt fields of the AI Pass receipt-scanning example. */
export interface Receipt {
	amount: number;
	/** ISO 4217 code, upper case. */
	currency: string;
	date: string;
	merchant: string;
	category: string;
	/** 0..1 */
	confidence: number;
}

export type ReceiptResult =
	| { ok: true; receipt: Receipt; json: string }
	/** `problems` are short technical phrases (field names and what is wrong), shown with the raw answer. */
	| { ok: false; reason: 'empty' | 'noJson' | 'invalidJson' | 'invalidFields'; problems: string[] };

export const receiptPrompt = [
	'Extract the data of this receipt as one JSON object with exactly these fields:',
	'{"amount": number (the total paid), "currency": ISO 4217 code such as "USD", "date": "YYYY-MM-DD",',
	'"merchant": string, "category": string (for example groceries, restaurant, travel, office),',
	'"confidence": number from 0 to 1 (how sure you are of the whole extraction)}.',
	'Answer with the JSON object only, in a ```json code block.',
].join('\n');

/** Finds the JSON in the answer and checks every field's type; the result is never an empty object. */
export function parseReceipt(answer: string): ReceiptResult {
	const extracted = extractJsonObject(answer);
	if (!extracted.found) {
		const reason = extracted.reason === 'empty' ? 'empty' : extracted.reason === 'invalid' ? 'invalidJson' : 'noJson';
		return { ok: false, reason, problems: extracted.detail === undefined ? [] : [extracted.detail] };
	}
	const value = extracted.value;
	const problems: string[] = [];
	const { amount, currency, date, merchant, category, confidence } = value;
	if (typeof amount !== 'number' || !Number.isFinite(amount)) {
		problems.push(describe('amount', 'a number', amount));
	}
	if (typeof currency !== 'string' || !/^[A-Za-z]{3}$/.test(currency.trim())) {
		problems.push(describe('currency', 'a 3-letter currency code', currency));
	}
	if (typeof date !== 'string' || date.trim() === '' || Number.isNaN(Date.parse(date))) {
		problems.push(describe('date', 'a date', date));
	}
	for (const [field, text] of [['merchant', merchant], ['category', category]] as const) {
		if (typeof text !== 'string' || text.trim() === '') {
			problems.push(describe(field, 'a non-empty string', text));
		}
	}
	if (typeof confidence !== 'number' || !(confidence >= 0 && confidence <= 1)) {
		problems.push(describe('confidence', 'a number from 0 to 1', confidence));
	}
	if (problems.length > 0) {
		return { ok: false, reason: 'invalidFields', problems };
	}
	const receipt: Receipt = {
		amount: amount as number,
		currency: (currency as string).trim().toUpperCase(),
		date: (date as string).trim(),
		merchant: (merchant as string).trim(),
		category: (category as string).trim(),
		confidence: confidence as number,
	};
	return { ok: true, receipt, json: JSON.stringify(receipt, null, 2) };
}

function describe(field: string, expected: string, actual: unknown): string {
	const shown = actual === undefined ? 'missing' : `got ${JSON.stringify(actual)?.slice(0, 60) ?? String(actual)}`;
	return `${field}: expected ${expected}, ${shown}`;
}
