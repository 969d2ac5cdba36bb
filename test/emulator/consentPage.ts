import { escapeHtml } from './http';
import { type Scope, type UserView } from './types';

const SCOPE_TEXT: Record<Scope, string> = {
	'api:access': 'Use AI models on your behalf, billed to your AI Pass wallet',
	'profile:read': 'Read your name and email address',
};

interface ConsentInput {
	requestId: string;
	clientName: string;
	clientId: string;
	scopes: readonly Scope[];
	users: readonly UserView[];
	defaultUser: string;
	/** Where the browser goes afterwards; only its origin is shown. */
	redirectUri: string;
}

/** The consent page: a plain form POST, no script. */
export function consentPage(input: ConsentInput): string {
	const scopes = input.scopes
		.map((scope) => `<li><code>${escapeHtml(scope)}</code> ${escapeHtml(SCOPE_TEXT[scope])}</li>`)
		.join('\n');
	const accounts = input.users
		.map((user) => {
			const checked = user.sub === input.defaultUser ? ' checked' : '';
			const id = `user-${escapeHtml(user.sub)}`;
			return `<label for="${id}"><input type="radio" id="${id}" name="user" value="${escapeHtml(user.sub)}"${checked}> ` +
				`${escapeHtml(user.name)} &lt;${escapeHtml(user.email)}&gt;</label>`;
		})
		.join('\n');
	return page('Authorize application', `
<h1>Authorize <span id="client-name">${escapeHtml(input.clientName)}</span></h1>
<p><strong>${escapeHtml(input.clientName)}</strong> (<code>${escapeHtml(input.clientId)}</code>) wants to:</p>
<ul id="scopes">
${scopes}
</ul>
<p>You will be returned to <code>${escapeHtml(displayTarget(input.redirectUri))}</code>.</p>
<form method="post" action="/oauth2/authorize/decision">
<input type="hidden" name="request_id" value="${escapeHtml(input.requestId)}">
<fieldset>
<legend>Account</legend>
${accounts}
</fieldset>
<p class="buttons">
<button type="submit" name="decision" value="allow" id="allow">Allow</button>
<button type="submit" name="decision" value="deny" id="deny">Deny</button>
</p>
</form>`);
}

/** An authorization error shown in the browser instead of redirecting to an untrusted callback. */
export function errorPage(error: string, description: string): string {
	return page('Authorization error', `
<h1>Authorization error</h1>
<p>The request cannot be completed, and the application was not contacted.</p>
<p><code id="error">${escapeHtml(error)}</code>: <span id="error-description">${escapeHtml(description)}</span></p>`);
}

function page(title: string, body: string): string {
	return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>AI Pass - ${escapeHtml(title)}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 32rem; margin: 3rem auto; padding: 0 1rem; color: #1b1b1f; }
fieldset { border: 1px solid #ccd; border-radius: 6px; margin: 1rem 0; }
label { display: block; margin: .4rem 0; }
.buttons button { font-size: 1rem; padding: .5rem 1.5rem; margin-right: .5rem; }
#allow { background: #2f5bea; color: #fff; border: 0; border-radius: 4px; }
</style>
</head>
<body>
<p><strong>AI Pass</strong> (local emulator)</p>
${body}
</body>
</html>
`;
}

function displayTarget(uri: string): string {
	try {
		const url = new URL(uri);
		return url.host === '' ? `${url.protocol}${url.pathname}` : `${url.protocol}//${url.host}`;
	} catch {
		return uri;
	}
}
