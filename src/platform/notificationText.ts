/**
 * Notification messages (`showInformationMessage` and friends, progress notification titles) turn
 * `[label](command:id?args)`, `[label](https://…)` and `[label](file:…)` into clickable links; a
 * `command:` link runs the command with its arguments. Any text the user did not type (file and
 * folder names, settings from a workspace, model names, server error texts) can carry that syntax.
 *
 * `notificationText` keeps the message readable and identical on screen, but no part of it can
 * form a link any more: a WORD JOINER (U+2060, invisible, no line break) goes between `]` and `(`
 * and between a link scheme and its colon. Breaking the scheme too keeps two neutralised pieces
 * from forming a link when a message puts them side by side (`[x]` + `(command:…)`), and covers
 * bare `command:` / `https:` text. It never touches other characters.
 */
const joiner = '\u2060';
const bracketParen = /\](?=\()/g;
const scheme = /(command|https?|file)(?=:)/gi;

export function notificationText(message: string): string {
	return message.replace(bracketParen, `]${joiner}`).replace(scheme, `$1${joiner}`);
}
