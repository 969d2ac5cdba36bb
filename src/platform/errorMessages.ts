import * as vscode from 'vscode';
import { type AiPassError, isAiPassError } from '../api/errors';
import { apiFailureMessage } from './failureMessages';

/** The user's sentence for an API failure, translated (the sentences are in `failureMessages.ts`). */
export function localizedUserMessage(error: AiPassError): string {
	return apiFailureMessage(error, vscode.l10n);
}

/** The sentence to show for any failure: translated for API errors, the message of other errors. */
export function messageForUser(error: unknown): string {
	return isAiPassError(error) ? localizedUserMessage(error) : error instanceof Error ? error.message : String(error);
}
