/**
 * What a feature may know about sign-in: whether someone is signed in (and as whom). Features get this
 * port, not the authentication provider; tokens stay with the API client's `TokenSource`.
 */
export interface SessionPort {
	activeSession(): Promise<{ readonly id: string; readonly accountId: string; readonly accountLabel: string } | undefined>;
}
