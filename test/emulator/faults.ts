import { isRecord } from './body';
import { type Fault, type FaultKind } from './types';

type FaultOf<K extends FaultKind> = Extract<Fault, { kind: K }>;

interface ArmedFault {
	fault: Fault;
	remaining: number;
}

/** Faults waiting for the next matching request; each fires once, or `times` times. */
export class FaultStore {
	private armed: ArmedFault[] = [];

	add(fault: Fault): void {
		this.armed.push({ fault, remaining: fault.times ?? 1 });
	}

	clear(): void {
		this.armed = [];
	}

	list(): Fault[] {
		return this.armed.map((item) => ({ ...item.fault, times: item.remaining }));
	}

	/** Consumes one firing of the first armed fault of these kinds whose `path` (a suffix) matches. */
	take<K extends FaultKind>(kinds: readonly K[], path?: string): FaultOf<K> | undefined {
		const index = this.armed.findIndex((item) => isKind(item.fault, kinds) && pathMatches(item.fault, path));
		if (index < 0) {
			return undefined;
		}
		const item = this.armed[index];
		item.remaining--;
		if (item.remaining <= 0) {
			this.armed.splice(index, 1);
		}
		return isKind(item.fault, kinds) ? item.fault : undefined;
	}
}

function isKind<K extends FaultKind>(fault: Fault, kinds: readonly K[]): fault is FaultOf<K> {
	return (kinds as readonly FaultKind[]).includes(fault.kind);
}

function pathMatches(fault: Fault, path: string | undefined): boolean {
	const filter = 'path' in fault ? fault.path : undefined;
	return filter === undefined || (path !== undefined && path.endsWith(filter));
}

/** Validates an admin fault body; returns the fault or an error message. */
export function parseFault(input: unknown): Fault | string {
	if (!isRecord(input) || typeof input.kind !== 'string') {
		return 'A fault is a JSON object with a string "kind".';
	}
	const times = input.times;
	if (times !== undefined && !(Number.isInteger(times) && typeof times === 'number' && times > 0)) {
		return '"times" must be a positive integer.';
	}
	const common = times === undefined ? {} : { times };
	const path = optionalString(input.path);
	const afterChunks = input.afterChunks;
	const chunks = Number.isInteger(afterChunks) && typeof afterChunks === 'number' && afterChunks >= 0 ? afterChunks : undefined;
	switch (input.kind) {
		case 'expireTokens':
			return { kind: 'expireTokens', ...optional('sub', optionalString(input.sub)) };
		case 'failNextRefresh': {
			const status = input.status ?? 400;
			if (status !== 400 && status !== 401 && status !== 500 && status !== 503) {
				return 'failNextRefresh "status" must be 400, 401, 500 or 503.';
			}
			return { kind: 'failNextRefresh', status, ...optional('error', optionalString(input.error)), ...common };
		}
		case 'dropStream':
		case 'stallStream':
			return chunks === undefined ? `${input.kind} needs "afterChunks" >= 0.` : { kind: input.kind, afterChunks: chunks, ...common };
		case 'errorFrame':
			return chunks === undefined
				? 'errorFrame needs "afterChunks" >= 0.'
				: { kind: 'errorFrame', afterChunks: chunks, withDone: input.withDone === true, ...(input.budget === true ? { budget: true } : {}), ...common };
		case 'summaryUnsuccessful':
			return { kind: 'summaryUnsuccessful', ...optional('message', typeof input.message === 'string' ? input.message : undefined), ...common };
		case 'holdRefresh':
		case 'userinfoForbidden':
		case 'malformedSse':
		case 'videoFails':
			return { kind: input.kind, ...common };
		case 'rateLimit': {
			const retryAfter = input.retryAfter;
			if (typeof retryAfter !== 'number' || !(retryAfter >= 0)) {
				return 'rateLimit needs "retryAfter" (seconds, >= 0).';
			}
			return { kind: 'rateLimit', retryAfter, ...optional('path', path), ...common };
		}
		case 'serverError': {
			const status = input.status ?? 500;
			if (status !== 500 && status !== 502 && status !== 503) {
				return 'serverError "status" must be 500, 502 or 503.';
			}
			return { kind: 'serverError', status, ...optional('path', path), ...common };
		}
		case 'hugeBody': {
			const { bytes, contentLength, status } = input;
			if (!(typeof bytes === 'number' && Number.isInteger(bytes) && bytes >= 0 && bytes <= 2 ** 31)) {
				return 'hugeBody needs "bytes" (an integer, 0 to 2^31).';
			}
			if (contentLength !== undefined && !(typeof contentLength === 'number' && Number.isInteger(contentLength) && contentLength >= bytes)) {
				return 'hugeBody "contentLength" must be an integer >= "bytes".';
			}
			if (status !== undefined && !(typeof status === 'number' && Number.isInteger(status) && status >= 200 && status <= 599)) {
				return 'hugeBody "status" must be an HTTP status.';
			}
			return {
				kind: 'hugeBody', bytes, ...(contentLength === undefined ? {} : { contentLength }), ...(status === undefined ? {} : { status }),
				...optional('path', path), ...common,
			};
		}
		case 'failVideoPoll': {
			const status = input.status ?? 503;
			if (status !== 500 && status !== 502 && status !== 503 && status !== 'drop') {
				return 'failVideoPoll "status" must be 500, 502, 503 or "drop".';
			}
			return { kind: 'failVideoPoll', status, ...common };
		}
		case 'hang':
		case 'unauthorized':
		case 'dropConnection':
			return { kind: input.kind, ...optional('path', path), ...common };
		default:
			return `Unknown fault kind "${input.kind}".`;
	}
}

function optionalString(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
	return value === undefined ? {} : ({ [key]: value } as Partial<Record<K, string>>);
}
