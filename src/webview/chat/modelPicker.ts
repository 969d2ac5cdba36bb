import type { ModelOption } from '../../shared/chatProtocol';
import { h, icon } from './dom';

let nextId = 0;

/**
 * The model picker, drawn like VS Code's own dropdowns (theme colours: dropdown, list and focus) instead
 * of the browser's `<select>`, whose popup the webview draws with the operating system's look.
 * ARIA "select-only combobox": a button that opens a listbox above it.
 * Keyboard: Enter, Space, Up or Down open it; Up, Down, Home, End and typed letters move; Enter or Space
 * picks; Escape or Tab closes without picking.
 */
export class ModelPicker {
	readonly element: HTMLElement;
	private readonly button: HTMLButtonElement;
	private readonly buttonLabel = h('span', { class: 'model-picker-label' });
	private readonly list: HTMLElement;
	private models: ModelOption[] = [];
	private selected = '';
	private active = 0;

	constructor(label: string, private readonly onPick: (model: string) => void) {
		const listId = `model-list-${++nextId}`;
		this.button = h('button', {
			class: 'model-picker',
			attrs: { type: 'button', role: 'combobox', 'aria-haspopup': 'listbox', 'aria-expanded': 'false', 'aria-controls': listId, 'aria-label': label, title: label },
		}, this.buttonLabel, icon('chevron-down'));
		this.list = h('div', { class: 'model-list', attrs: { id: listId, role: 'listbox', 'aria-label': label, tabindex: '-1' } });
		this.list.hidden = true;
		this.element = h('div', { class: 'model-picker-container' }, this.button, this.list);

		this.button.addEventListener('click', () => (this.isOpen ? this.close(true) : this.open()));
		this.button.addEventListener('keydown', event => this.onButtonKey(event));
		this.list.addEventListener('keydown', event => this.onListKey(event));
		this.list.addEventListener('click', event => {
			const option = event.target instanceof Element ? event.target.closest<HTMLElement>('[role="option"]') : null;
			if (option?.dataset.index !== undefined) {
				this.pick(Number(option.dataset.index));
			}
		});
		this.list.addEventListener('focusout', event => {
			if (!(event.relatedTarget instanceof Node && this.element.contains(event.relatedTarget))) {
				this.close(false);
			}
		});
	}

	get value(): string {
		return this.selected;
	}

	get isOpen(): boolean {
		return !this.list.hidden;
	}

	setModels(models: ModelOption[], selected: string): void {
		this.models = models;
		this.selected = selected;
		const current = models.find(m => m.id === selected);
		this.buttonLabel.textContent = current?.label ?? selected;
		this.list.replaceChildren(...models.map((model, index) => h('div', {
			class: 'model-option',
			attrs: { id: `${this.list.id}-${index}`, role: 'option', 'aria-selected': String(model.id === selected), 'data-index': String(index) },
		}, h('span', { class: 'model-option-label', text: model.label }), ...(model.vision ? [icon('eye')] : []))));
	}

	focus(): void {
		this.button.focus();
	}

	open(): void {
		if (this.models.length === 0) {
			return;
		}
		this.list.hidden = false;
		this.button.setAttribute('aria-expanded', 'true');
		this.setActive(Math.max(0, this.models.findIndex(m => m.id === this.selected)));
		this.list.focus();
	}

	private close(focusButton: boolean): void {
		if (!this.isOpen) {
			return;
		}
		this.list.hidden = true;
		this.button.setAttribute('aria-expanded', 'false');
		if (focusButton) {
			this.button.focus();
		}
	}

	private pick(index: number): void {
		const model = this.models[index];
		this.close(true);
		if (model !== undefined && model.id !== this.selected) {
			this.setModels(this.models, model.id);
			this.onPick(model.id);
		}
	}

	private setActive(index: number): void {
		this.active = Math.min(Math.max(index, 0), this.models.length - 1);
		const options = Array.from(this.list.children);
		options.forEach((option, i) => option.classList.toggle('active', i === this.active));
		const option = options[this.active];
		if (option !== undefined) {
			this.list.setAttribute('aria-activedescendant', option.id);
			option.scrollIntoView({ block: 'nearest' });
		}
	}

	private onButtonKey(event: KeyboardEvent): void {
		if (['Enter', ' ', 'ArrowDown', 'ArrowUp'].includes(event.key)) {
			event.preventDefault();
			this.open();
		}
	}

	private onListKey(event: KeyboardEvent): void {
		const moves: Record<string, () => number> = {
			ArrowDown: () => this.active + 1,
			ArrowUp: () => this.active - 1,
			Home: () => 0,
			End: () => this.models.length - 1,
			PageDown: () => this.models.length - 1,
			PageUp: () => 0,
		};
		if (moves[event.key] !== undefined) {
			this.setActive(moves[event.key]());
		} else if (event.key === 'Enter' || event.key === ' ') {
			this.pick(this.active);
		} else if (event.key === 'Escape') {
			this.close(true);
		} else if (event.key === 'Tab') {
			this.close(false);
			return; // Tab moves focus on as usual
		} else if (event.key.length === 1 && /\S/.test(event.key)) {
			const key = event.key.toLowerCase();
			const order = [...this.models.keys()].map(i => (this.active + 1 + i) % this.models.length);
			const match = order.find(i => this.models[i].label.toLowerCase().startsWith(key));
			if (match !== undefined) {
				this.setActive(match);
			}
		} else {
			return;
		}
		event.preventDefault();
		event.stopPropagation(); // Escape here closes the list; it must not also stop a streaming answer
	}
}
