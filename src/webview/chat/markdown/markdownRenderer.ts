import MarkdownIt, { type MarkdownIt as MarkdownItInstance } from 'markdown-it';

/** Returns highlighted, escaped HTML for the code, or undefined to leave it plain. */
export type Highlighter = (code: string, language: string) => string | undefined;

export interface MarkdownRenderer {
	/** Markdown to HTML (raw HTML in the markdown is escaped, never passed through); not yet sanitised. */
	render(markdown: string, options: { highlight: boolean }): string;
}

/**
 * markdown-it as the chat uses it: CommonMark + GFM tables and strikethrough, bare URLs linkified,
 * raw HTML disabled (`html: false` escapes it), table alignment as classes (the CSP allows no inline
 * styles) and images shown as links (remote images would be blocked by the CSP and can track the
 * reader). Pure: runs in Node for the tests and in the webview.
 */
export function createMarkdownRenderer(highlighter?: Highlighter): MarkdownRenderer {
	const plain = configure(new MarkdownIt({ html: false, linkify: true, typographer: false }));
	const highlighted = highlighter === undefined ? plain : configure(new MarkdownIt({
		html: false,
		linkify: true,
		typographer: false,
		highlight: (code, language) => (language === '' ? undefined : highlighter(code, language)) ?? '',
	}));
	return {
		render: (markdown, options) => (options.highlight ? highlighted : plain).render(markdown),
	};
}

function configure(md: MarkdownItInstance): MarkdownItInstance {
	md.core.ruler.push('aipass_table_align', state => {
		for (const token of state.tokens) {
			if (token.type !== 'th_open' && token.type !== 'td_open') {
				continue;
			}
			const align = /text-align:\s*(left|right|center)/.exec(String(token.attrGet('style') ?? ''));
			if (align) {
				token.attrs = (token.attrs ?? []).filter(([name]) => name !== 'style');
				token.attrJoin('class', `align-${align[1]}`);
			}
		}
	});
	md.renderer.rules.image = (tokens, index, _options, env, self) => {
		const token = tokens[index];
		const alt = self.renderInlineAsText(token.children ?? [], md.options, env) || 'image';
		const src = String(token.attrGet('src') ?? '');
		const label = `${md.utils.escapeHtml(alt)}`;
		return /^https?:/i.test(src)
			? `<a class="image-link" href="${md.utils.escapeHtml(src)}">${label}</a>`
			: `<span class="image-alt">${label}</span>`;
	};
	return md;
}
