/**
 * "2 hours ago", "yesterday", "last week" in the display language (Intl.RelativeTimeFormat), for times in
 * the past; the largest unit that fits. Pure (no `vscode`), so unit tests pin the clock.
 */
const units: readonly [Intl.RelativeTimeFormatUnit, number][] = [
	['year', 365 * 24 * 3600],
	['month', 30 * 24 * 3600],
	['week', 7 * 24 * 3600],
	['day', 24 * 3600],
	['hour', 3600],
	['minute', 60],
	['second', 1],
];

export function relativeTime(then: number, now: number, locale: string): string {
	const format = new Intl.RelativeTimeFormat(safeLocale(locale), { numeric: 'auto' });
	const seconds = Math.max(0, Math.round((now - then) / 1000));
	if (seconds < 45) {
		return format.format(0, 'second'); // "now"
	}
	for (const [unit, size] of units) {
		if (seconds >= size) {
			return format.format(-Math.round(seconds / size), unit);
		}
	}
	return format.format(0, 'second');
}

/** The absolute date and time, for the detail line next to the relative one. */
export function absoluteTime(then: number, locale: string): string {
	return new Date(then).toLocaleString(safeLocale(locale), { dateStyle: 'medium', timeStyle: 'short' });
}

/** VS Code's language tag when Intl knows it, else the runtime's default. */
function safeLocale(locale: string): string | undefined {
	try {
		return Intl.getCanonicalLocales(locale)[0];
	} catch {
		return undefined;
	}
}
