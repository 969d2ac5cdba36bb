import type { Usage } from './types';

/** Which part of the extension spent the money (the ledger groups by it). */
export type PaidFeature =
	| 'chatView' | 'participant' | 'languageModel' | 'analyzeImage' | 'image' | 'speech' | 'transcription' | 'embeddings' | 'video' | 'apply';

/** What the caller of a paid method tells the client about it; everything else the client knows. */
export interface PaidCallLabel {
	readonly feature?: PaidFeature;
	/** An id the caller recognises again when the charge is known (e.g. the chat answer's id). */
	readonly tag?: string;
	/** Billable units when they are not tokens: images made, video seconds, characters read aloud. */
	readonly units?: number;
}

/** What a call used, as prices are learned and estimated: tokens, or billable units. */
export interface Consumption {
	readonly tokensIn?: number;
	readonly tokensOut?: number;
	readonly units?: number;
}

export interface PaidCallInfo extends PaidCallLabel {
	readonly route: string;
	readonly model?: string;
}

export interface PaidCallOutcome {
	readonly ok: boolean;
	readonly error?: unknown;
	/** Tokens as the service reported them, when it did. */
	readonly usage?: Usage;
}

/** Sees every paid call start and settle (success, failure or abort). Must not throw. */
export interface PaidCallObserver {
	start(call: PaidCallInfo): (outcome: PaidCallOutcome) => void;
}

/** The feature a route bills to when the caller did not say. */
export function featureOfRoute(route: string): PaidFeature {
	if (route.startsWith('images/')) {
		return 'image';
	}
	if (route === 'audio/speech') {
		return 'speech';
	}
	if (route === 'audio/transcriptions') {
		return 'transcription';
	}
	if (route === 'embeddings') {
		return 'embeddings';
	}
	if (route.startsWith('videos')) {
		return 'video';
	}
	return 'languageModel';
}
