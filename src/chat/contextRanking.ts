/**
 * Ranking of workspace files for the composer's `@` list (pure: the host lists the files, this orders them).
 * A query matches a path when its characters appear in order (case-insensitive, like VS Code's Quick Open);
 * a match in the file name ranks above a match that needs the folders, then by how tight the match is.
 */

/** How well `query` matches `target` as a subsequence; higher is better, undefined when it does not match. */
export function fuzzyScore(query: string, target: string): number | undefined {
	if (query === '') {
		return 0;
	}
	const q = query.toLowerCase();
	const t = target.toLowerCase();
	let score = 0;
	let qi = 0;
	let previous = -2;
	for (let ti = 0; ti < t.length && qi < q.length; ti++) {
		if (t[ti] !== q[qi]) {
			continue;
		}
		score += 1;
		if (ti === previous + 1) {
			score += 4; // consecutive characters
		}
		if (ti === 0 || /[/\\._\-\s]/.test(target[ti - 1]) || (target[ti] !== t[ti] && target[ti - 1] === t[ti - 1])) {
			score += 3; // the start of a word: after a separator, or a capital after a lower-case letter
		}
		if (target[ti] === query[qi]) {
			score += 1; // same case
		}
		previous = ti;
		qi++;
	}
	if (qi < q.length) {
		return undefined;
	}
	if (t.startsWith(q)) {
		score += 10;
	}
	return score - target.length / 100;
}

export interface RankedPath {
	path: string;
	/** The query matched the file name (not only the folders). */
	inName: boolean;
}

function baseName(path: string): string {
	return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * Workspace-relative paths (`/` separated) ordered for the query, at most `limit`. An empty query lists the
 * open editors first (in the order given), then the other files by path.
 */
export function rankPaths(paths: readonly string[], query: string, open: readonly string[], limit: number): RankedPath[] {
	const q = query.trim();
	if (q === '') {
		const openSet = new Set(open);
		const rest = paths.filter(p => !openSet.has(p)).sort((a, b) => a.localeCompare(b));
		return [...open, ...rest].slice(0, limit).map(path => ({ path, inName: false }));
	}
	const scored: { path: string; inName: boolean; score: number }[] = [];
	for (const path of new Set([...open, ...paths])) {
		const name = fuzzyScore(q, baseName(path));
		if (name !== undefined) {
			scored.push({ path, inName: true, score: name });
			continue;
		}
		const whole = fuzzyScore(q, path);
		if (whole !== undefined) {
			scored.push({ path, inName: false, score: whole });
		}
	}
	scored.sort((a, b) => Number(b.inName) - Number(a.inName) || b.score - a.score || a.path.length - b.path.length || a.path.localeCompare(b.path));
	return scored.slice(0, limit).map(({ path, inName }) => ({ path, inName }));
}
