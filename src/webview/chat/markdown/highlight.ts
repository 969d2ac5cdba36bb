import hljs from 'highlight.js/lib/core';
import type { LanguageFn } from 'highlight.js';
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import csharp from 'highlight.js/lib/languages/csharp';
import css from 'highlight.js/lib/languages/css';
import diff from 'highlight.js/lib/languages/diff';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import markdown from 'highlight.js/lib/languages/markdown';
import python from 'highlight.js/lib/languages/python';
import rust from 'highlight.js/lib/languages/rust';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';
import type { Highlighter } from './markdownRenderer';

/** The languages the chat highlights, by fence name and common aliases; others stay plain. */
const languages: Record<string, LanguageFn> = {
	bash, c, cpp, csharp, css, diff, go, java, javascript, json, markdown, python, rust, sql, typescript, xml, yaml,
};
const aliases: Record<string, string> = {
	sh: 'bash', shell: 'bash', zsh: 'bash', console: 'bash', h: 'c', 'c++': 'cpp', cc: 'cpp', hpp: 'cpp', cs: 'csharp',
	'c#': 'csharp', golang: 'go', js: 'javascript', jsx: 'javascript', mjs: 'javascript', cjs: 'javascript', jsonc: 'json',
	md: 'markdown', py: 'python', rs: 'rust', ts: 'typescript', tsx: 'typescript', mts: 'typescript', html: 'xml',
	xhtml: 'xml', svg: 'xml', yml: 'yaml', patch: 'diff', scss: 'css',
};

/** Canonical language name for a fence's language, or undefined when the chat does not highlight it. */
export function canonicalLanguage(fenceLanguage: string): string | undefined {
	const name = fenceLanguage.trim().toLowerCase();
	const canonical = aliases[name] ?? name;
	return Object.hasOwn(languages, canonical) ? canonical : undefined;
}

/**
 * highlight.js core with each language registered the first time a finished code block uses it
 * (no auto-detection: it is slow and guesses wrong on short snippets).
 */
export const highlightCode: Highlighter = (code, fenceLanguage) => highlightWithState(code, fenceLanguage)?.html;

/**
 * Highlighted HTML, and whether the code ends at the language's top level (not inside a comment, string
 * or embedded language): code that ends so can be followed by more code highlighted on its own, and the
 * two pieces of HTML put together are what highlighting the whole would give.
 */
export function highlightWithState(code: string, fenceLanguage: string): { html: string; topLevel: boolean } | undefined {
	const language = canonicalLanguage(fenceLanguage);
	if (language === undefined) {
		return undefined;
	}
	if (hljs.getLanguage(language) === undefined) {
		hljs.registerLanguage(language, languages[language]);
	}
	const result = hljs.highlight(code, { language, ignoreIllegals: true });
	// highlight.js reports the mode it ended in; the language's own mode is the only one without a parent.
	const top = result._top as { parent?: unknown } | undefined;
	return { html: result.value, topLevel: top !== undefined && top.parent === undefined };
}
