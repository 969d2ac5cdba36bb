/**
 * Hostile model outputs for the chat renderer. Each payload tries to run script (setting
 * `window.__xss`, changing `document.title`, posting to the host or the parent), to navigate the
 * webview, or to restyle the chat. Rendered through the real webview bundle, none may succeed.
 */
export interface XssCase {
	name: string;
	markdown: string;
}

const run = 'window.__xss=1';
const b64 = (text: string): string => Buffer.from(text).toString('base64');

export const xssCorpus: readonly XssCase[] = [
	{ name: 'script tag', markdown: `Hello <script>${run};document.title='XSS'</script> world` },
	{ name: 'script tag alone in a block', markdown: `<script>\n${run}\n</script>` },
	{ name: 'img onerror', markdown: `<img src=x onerror="${run}">` },
	{ name: 'svg onload', markdown: `<svg onload="${run}"><circle r="10"/></svg>` },
	{ name: 'svg with a script element', markdown: `<svg><script>${run}</script></svg>` },
	{ name: 'iframe srcdoc', markdown: `<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>` },
	{ name: 'iframe javascript src', markdown: `<iframe src="javascript:parent.__xss=1"></iframe>` },
	{ name: 'markdown javascript: link', markdown: `[click me](javascript:${run})` },
	{ name: 'entity-encoded javascript: link', markdown: `[click me](jav&#x61;script:${run})` },
	{ name: 'mixed-case javascript: link with spaces', markdown: `[click me]( JaVaScRiPt:${run} )` },
	{ name: 'tab inside the scheme', markdown: `[click me](java&#9;script:${run})` },
	{ name: 'autolink javascript:', markdown: `<javascript:${run}>` },
	{ name: 'percent-encoded scheme', markdown: `[click me](javascript%3A${run})` },
	{ name: 'data: HTML link', markdown: `[open](data:text/html;base64,${b64(`<script>${run}</script>`)})` },
	{ name: 'vbscript: link', markdown: '[x](vbscript:msgbox(1))' },
	{ name: 'reference-style javascript: link', markdown: `[x][r]\n\n[r]: javascript:${run}` },
	{ name: 'link title breaking out of the attribute', markdown: `[x](https://example.com "a\\" onmouseover=\\"${run}")` },
	{ name: 'image alt breaking out of the attribute', markdown: `![x" onerror="${run}](https://x.invalid/a.png)` },
	{ name: 'image with javascript: src', markdown: `![x](javascript:${run})` },
	{ name: 'image with an SVG data: URL', markdown: `![x](data:image/svg+xml;base64,${b64(`<svg xmlns="http://www.w3.org/2000/svg" onload="${run}"/>`)})` },
	{ name: 'raw anchor with javascript: href and target', markdown: `<a href="javascript:${run}" target="_top">x</a>` },
	{ name: 'raw anchor with onclick on a good URL', markdown: `<a href="https://example.com" onclick="${run}">x</a>` },
	{ name: 'style element and CSS url()', markdown: `<style>body{background:url("javascript:${run}")} *{display:none}</style>` },
	{ name: 'inline style overlay', markdown: '<div style="position:fixed;inset:0;background:red;z-index:99">overlay</div>' },
	{ name: 'link stylesheet and meta refresh', markdown: '<link rel="stylesheet" href="https://evil.invalid/x.css"><meta http-equiv="refresh" content="0;url=https://evil.invalid">' },
	{ name: 'base href', markdown: '<base href="javascript:/">[rel](x)' },
	{ name: 'object and embed', markdown: `<object data="javascript:${run}"></object><embed src="javascript:${run}">` },
	{ name: 'form with javascript: action', markdown: `<form action="javascript:${run}"><button>go</button></form>` },
	{ name: 'autofocus input', markdown: `<input autofocus onfocus="${run}">` },
	{ name: 'details ontoggle', markdown: `<details open ontoggle="${run}"><summary>x</summary></details>` },
	{ name: 'template content', markdown: `<template><script>${run}</script></template>` },
	{ name: 'unterminated tag (broken HTML)', markdown: `<img src=x onerror=${run}//` },
	{ name: 'nested broken script tags', markdown: `<<script>script>${run}<</script>/script>` },
	{ name: 'mXSS through math and style', markdown: `<math><mtext><table><mglyph><style><img src=x onerror="${run}">` },
	{ name: 'mXSS through noscript', markdown: `<noscript><p title="</noscript><img src=x onerror=${run}>">` },
	{ name: 'HTML entities spelling a script', markdown: `&lt;script&gt;${run}&lt;/script&gt; &#60;img src=x onerror=${run}&#62;` },
	{ name: 'title element', markdown: '<title>XSS</title>' },
	{ name: 'posting to the host from a script', markdown: "<script>acquireVsCodeApi().postMessage({type:'openLink',href:'https://evil.invalid'})</script>" },
	{ name: 'event handler in a fence info string', markdown: `\`\`\`js" onmouseover="${run}\nconst a = 1;\n\`\`\`` },
	{ name: 'script in an HTML code block (must stay text)', markdown: `\`\`\`html\n<script>${run}</script>\n<img src=x onerror="${run}">\n\`\`\`` },
	{ name: 'code span with HTML', markdown: `Use \`<script>${run}</script>\` carefully.` },
	{ name: 'table cells with HTML and links', markdown: `| a | b |\n|---|---|\n| <img src=x onerror=${run}> | [x](javascript:${run}) |` },
	{ name: 'unclosed fence hiding HTML until the end', markdown: `\`\`\`\n<script>${run}</script>` },
	{ name: 'allowed links stay links (control)', markdown: '[site](https://example.com/a?b=1) [mail](mailto:ada@example.com) https://aipass.one/docs' },
];
