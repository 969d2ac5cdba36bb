/** Small DOM helpers: elements are built with properties and text nodes, never from HTML strings. */

export interface ElementProps {
	class?: string;
	text?: string;
	attrs?: Record<string, string>;
}

export function h<K extends keyof HTMLElementTagNameMap>(
	tag: K, props: ElementProps = {}, ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
	const element = document.createElement(tag);
	if (props.class !== undefined) {
		element.className = props.class;
	}
	if (props.text !== undefined) {
		element.textContent = props.text;
	}
	for (const [name, value] of Object.entries(props.attrs ?? {})) {
		element.setAttribute(name, value);
	}
	element.append(...children);
	return element;
}

/** A codicon (font shipped with the extension), hidden from screen readers. */
export function icon(name: string): HTMLSpanElement {
	return h('span', { class: `codicon codicon-${name}`, attrs: { 'aria-hidden': 'true' } });
}

/** An icon-only button with an accessible name and tooltip. */
export function iconButton(iconName: string, label: string, extraClass = ''): HTMLButtonElement {
	return h('button', {
		class: `icon-button ${extraClass}`.trim(),
		attrs: { type: 'button', 'aria-label': label, title: label },
	}, icon(iconName));
}

/** A button with an icon and a visible label. */
export function textButton(iconName: string, label: string, extraClass = ''): HTMLButtonElement {
	return h('button', { class: `text-button ${extraClass}`.trim(), attrs: { type: 'button' } }, icon(iconName), h('span', { text: label }));
}

export function format(template: string, ...values: (string | number)[]): string {
	return template.replace(/\{(\d+)\}/g, (match, index: string) => {
		const value = values[Number(index)];
		return value === undefined ? match : String(value);
	});
}
