import type { ContextSuggestion } from '../../shared/chatProtocol';
import { h, icon } from './dom';

let nextId = 0;

const icons: Record<ContextSuggestion['kind'], string> = { file: 'file', selection: 'selection', problems: 'warning' };

/**
 * The composer's `@` list: a listbox above the message box, which keeps the focus (the box points at the
 * active option with `aria-activedescendant`). The composer feeds it keys; the mouse picks with a click.
 * Names come from the workspace and are hostile: text nodes only.
 */
export class ContextList {
	readonly element: HTMLElement;
	private items: ContextSuggestion[] = [];
	private active = 0;

	constructor(label: string, private readonly noMatches: string, private readonly owner: HTMLElement, private readonly onPick: (item: ContextSuggestion) => void) {
		this.element = h('div', { class: 'context-list', attrs: { id: `context-list-${++nextId}`, role: 'listbox', 'aria-label': label } });
		this.element.hidden = true;
		owner.setAttribute('aria-haspopup', 'listbox');
		owner.setAttribute('aria-autocomplete', 'list');
		owner.setAttribute('aria-controls', this.element.id);
		owner.setAttribute('aria-expanded', 'false');
		// The message box keeps the focus while the mouse picks.
		this.element.addEventListener('mousedown', event => event.preventDefault());
		this.element.addEventListener('click', event => {
			const option = event.target instanceof Element ? event.target.closest<HTMLElement>('[role="option"]') : null;
			if (option?.dataset.index !== undefined) {
				this.pick(Number(option.dataset.index));
			}
		});
	}

	get isOpen(): boolean {
		return !this.element.hidden;
	}

	show(items: ContextSuggestion[]): void {
		this.items = items;
		const options = items.map((item, index) => h('div', {
			class: 'context-option',
			attrs: { id: `${this.element.id}-${index}`, role: 'option', 'aria-selected': 'false', 'data-index': String(index), title: item.detail === '' ? item.label : `${item.detail}/${item.label}` },
		}, icon(icons[item.kind]), h('span', { class: 'context-option-label', text: item.label }), h('span', { class: 'context-option-detail', text: item.detail })));
		this.element.replaceChildren(...(options.length > 0 ? options : [h('div', { class: 'context-empty', text: this.noMatches })]));
		this.element.hidden = false;
		this.owner.setAttribute('aria-expanded', 'true');
		this.setActive(0);
	}

	close(): void {
		if (!this.isOpen) {
			return;
		}
		this.element.hidden = true;
		this.items = [];
		this.owner.setAttribute('aria-expanded', 'false');
		this.owner.removeAttribute('aria-activedescendant');
	}

	/** A key pressed in the message box while the list is open; true when the list used it. */
	handleKey(event: KeyboardEvent): boolean {
		if (!this.isOpen || event.isComposing) {
			return false;
		}
		const count = this.items.length;
		if (event.key === 'ArrowDown' && count > 0) {
			this.setActive((this.active + 1) % count);
		} else if (event.key === 'ArrowUp' && count > 0) {
			this.setActive((this.active - 1 + count) % count);
		} else if ((event.key === 'Enter' || event.key === 'Tab') && !event.shiftKey && count > 0) {
			this.pick(this.active);
		} else if (event.key === 'Escape') {
			this.close();
		} else {
			return false;
		}
		event.preventDefault();
		event.stopPropagation(); // Escape here closes the list: it must not also stop a streaming answer
		return true;
	}

	private pick(index: number): void {
		const item = this.items[index];
		this.close();
		if (item !== undefined) {
			this.onPick(item);
		}
	}

	private setActive(index: number): void {
		this.active = index;
		const options = Array.from(this.element.querySelectorAll<HTMLElement>('[role="option"]'));
		options.forEach((option, i) => {
			option.classList.toggle('active', i === index);
			option.setAttribute('aria-selected', String(i === index));
		});
		const option = options[index];
		if (option === undefined) {
			this.owner.removeAttribute('aria-activedescendant');
			return;
		}
		this.owner.setAttribute('aria-activedescendant', option.id);
		option.scrollIntoView({ block: 'nearest' });
	}
}
