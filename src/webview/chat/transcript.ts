import type { ChatStrings, ConversationView, ErrorAction, MessageView, WebviewMessage } from '../../shared/chatProtocol';
import { h } from './dom';
import { codeOfButton } from './markdown/codeBlocks';
import { MessageComponent } from './messageView';

/** How close to the end counts as "at the bottom" (so auto-scroll keeps following). */
const bottomSlackPx = 24;

/**
 * The conversation: messages, streaming updates rendered at most once per animation frame, auto-scroll
 * only while the reader is at the bottom, and the clicks inside messages (links, code and error actions).
 */
export class Transcript {
	readonly element: HTMLElement;
	private readonly list = h('div', { class: 'messages' });
	private readonly empty: HTMLElement;
	private readonly total = h('div', { class: 'conversation-total', attrs: { hidden: '' } });
	private readonly messages = new Map<string, MessageComponent>();
	private readonly dirty = new Set<MessageComponent>();
	private frame: number | undefined;
	private atBottom = true;
	private lastScrollTop = 0;

	constructor(
		private readonly strings: ChatStrings,
		private readonly post: (message: WebviewMessage) => void,
		private readonly onErrorAction: (action: ErrorAction) => void,
		private readonly resync: () => void,
	) {
		this.empty = h('div', { class: 'empty-state' },
			h('h2', { text: strings.emptyTitle }), h('p', { text: strings.emptyHint }));
		this.element = h('div', {
			class: 'transcript',
			attrs: { role: 'log', 'aria-live': 'polite', 'aria-label': strings.transcriptLabel, tabindex: '0' },
		}, this.empty, this.list, this.total);
		this.element.addEventListener('scroll', () => this.onScroll(), { passive: true });
		this.element.addEventListener('click', event => this.onClick(event));
		this.element.addEventListener('keydown', event => {
			if (event.key === 'Enter' && event.target instanceof HTMLElement && event.target.dataset.href !== undefined) {
				event.preventDefault();
				this.post({ type: 'openLink', href: event.target.dataset.href });
			}
		});
	}

	show(conversation: ConversationView): void {
		this.messages.clear();
		this.dirty.clear();
		this.list.replaceChildren();
		for (const message of conversation.messages) {
			this.add(message);
		}
		this.setTotal(conversation.total ?? '');
		this.atBottom = true;
		this.scrollIfFollowing();
	}

	add(message: MessageView): void {
		const component = new MessageComponent(message, this.strings);
		this.messages.set(message.id, component);
		this.list.append(component.element);
		this.updateLast();
		this.scrollIfFollowing();
	}

	remove(messageId: string): void {
		this.messages.get(messageId)?.element.remove();
		this.messages.delete(messageId);
		this.updateLast();
	}

	delta(messageId: string, offset: number, text: string): void {
		const component = this.messages.get(messageId);
		if (component === undefined || offset > component.receivedLength) {
			this.resync(); // a gap: ask the host for the whole state again
			return;
		}
		const fresh = text.slice(component.receivedLength - offset);
		if (fresh === '') {
			return;
		}
		component.append(fresh);
		this.dirty.add(component);
		this.frame ??= requestAnimationFrame(() => this.render());
	}

	finish(messageId: string, update: Pick<MessageView, 'status' | 'text' | 'error'>): void {
		const component = this.messages.get(messageId);
		if (component === undefined) {
			this.resync();
			return;
		}
		this.dirty.delete(component);
		component.finish(update);
		this.scrollIfFollowing();
	}

	/** An answer's charge and the conversation's new total. */
	setCost(messageId: string, cost: string, total: string): void {
		this.messages.get(messageId)?.setCost(cost);
		this.setTotal(total);
	}

	setPinned(messageId: string, pinned: boolean): void {
		this.messages.get(messageId)?.setPinned(pinned);
	}

	private setTotal(total: string): void {
		this.total.textContent = total;
		this.total.hidden = total === '';
	}

	/** Screen readers hear an answer once it is complete, not every frame of it. */
	setBusy(busy: boolean): void {
		this.element.setAttribute('aria-busy', String(busy));
	}

	/** Moves to the end and follows new text again (after the user sends). */
	follow(): void {
		this.atBottom = true;
		this.scrollIfFollowing();
	}

	private render(): void {
		this.frame = undefined;
		for (const component of this.dirty) {
			component.flush();
		}
		this.dirty.clear();
		this.scrollIfFollowing();
	}

	/**
	 * Scroll events arrive after the fact, when more text may have been added: only a move up (or a
	 * move back to the end) is the reader's, growth below is not.
	 */
	private onScroll(): void {
		const top = this.element.scrollTop;
		if (this.element.scrollHeight - top - this.element.clientHeight <= bottomSlackPx) {
			this.atBottom = true;
		} else if (top < this.lastScrollTop) {
			this.atBottom = false;
		}
		this.lastScrollTop = top;
	}

	private scrollIfFollowing(): void {
		this.empty.hidden = this.messages.size > 0;
		if (this.atBottom) {
			this.element.scrollTop = this.element.scrollHeight;
			this.lastScrollTop = this.element.scrollTop;
		}
	}

	private updateLast(): void {
		const answers = [...this.messages.values()].filter(m => m.message.role === 'assistant');
		answers.forEach((answer, index) => answer.setLast(index === answers.length - 1));
	}

	private onClick(event: MouseEvent): void {
		const target = event.target instanceof Element ? event.target : null;
		const link = target?.closest<HTMLElement>('[data-href]');
		if (link) {
			event.preventDefault();
			this.post({ type: 'openLink', href: link.dataset.href ?? '' });
			return;
		}
		const button = target?.closest<HTMLButtonElement>('button');
		if (!button || button.disabled) {
			return;
		}
		const errorAction = button.dataset.errorAction;
		if (errorAction === 'signIn' || errorAction === 'topUp' || errorAction === 'retry' || errorAction === 'pickModel') {
			this.onErrorAction(errorAction);
			return;
		}
		this.onAction(button);
	}

	private onAction(button: HTMLButtonElement): void {
		const action = button.dataset.action;
		if (action === 'regenerate') {
			this.post({ type: 'regenerate' });
		} else if (action === 'pinImages') {
			const id = button.closest<HTMLElement>('[data-message-id]')?.dataset.messageId;
			if (id !== undefined && this.messages.get(id)?.message.role === 'user') {
				this.post({ type: 'pinImages', messageId: id, pinned: button.getAttribute('aria-pressed') !== 'true' });
			}
		} else if (action === 'copyAnswer') {
			const id = button.closest<HTMLElement>('[data-message-id]')?.dataset.messageId;
			const text = id === undefined ? undefined : this.messages.get(id)?.message.role === 'assistant' ? this.textOf(id) : undefined;
			if (text !== undefined) {
				this.post({ type: 'copy', text });
				flashCopied(button, this.strings.copied);
			}
		} else if (action === 'copyCode' || action === 'insertCode' || action === 'openCode' || action === 'applyCode') {
			const block = codeOfButton(button);
			if (block === undefined) {
				return;
			}
			if (action === 'copyCode') {
				this.post({ type: 'copy', text: block.code });
				flashCopied(button, this.strings.copied);
			} else if (action === 'insertCode') {
				this.post({ type: 'insertCode', code: block.code });
			} else if (action === 'applyCode') {
				const messageId = button.closest<HTMLElement>('[data-message-id]')?.dataset.messageId;
				if (messageId !== undefined) {
					this.post({ type: 'applyCode', messageId, code: block.code });
				}
			} else {
				this.post({ type: 'openCode', code: block.code, language: block.language });
			}
		}
	}

	private textOf(messageId: string): string | undefined {
		return this.messages.get(messageId)?.text;
	}
}

function flashCopied(button: HTMLButtonElement, label: string): void {
	const previous = button.getAttribute('aria-label') ?? '';
	button.classList.add('copied');
	button.setAttribute('aria-label', label);
	setTimeout(() => {
		button.classList.remove('copied');
		button.setAttribute('aria-label', previous);
	}, 1500);
}
