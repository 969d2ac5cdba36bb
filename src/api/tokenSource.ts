/**
 * Where the API client gets its bearer token from. The auth module implements it; tests implement it
 * against the emulator. Keeping it an interface keeps `src/api` free of `vscode`.
 */
export interface TokenSource {
	/**
	 * Resolves to a current access token. With `forceRefresh`, the source must refresh (the server just
	 * answered 401 to the token it gave out). Throws `NotSignedInError` when there is no session.
	 */
	getAccessToken(options?: {
		forceRefresh?: boolean;
		/** The token the server just rejected: a source that already holds a newer one returns it without refreshing. */
		rejectedToken?: string;
		/**
		 * The caller's cancellation (and time limit): when it aborts, this caller's promise rejects at once
		 * (`AbortedError`) even while a refresh it shares with others is still waiting for the server.
		 */
		signal?: AbortSignal;
	}): Promise<string>;
	/** Sent as `X-AIPass-OAuth-Client-Id` when known. */
	readonly clientId: string | undefined;
}
