/**
 * A lazy load shared by every caller: started on the first call, its promise reused after that, and
 * forgotten if it fails so the next call tries again (a failed read is not cached forever).
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
	let loading: Promise<T> | undefined;
	return () => {
		if (loading === undefined) {
			const attempt = load();
			loading = attempt;
			attempt.catch(() => {
				if (loading === attempt) {
					loading = undefined;
				}
			});
		}
		return loading;
	};
}
