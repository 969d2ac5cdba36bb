import type { ChatStrings, MessageView } from '../../shared/chatProtocol';
import { renderErrorCard } from './errorCard';
import { h, icon, iconButton } from './dom';
import { StreamingMarkdown } from './markdown/streamingMarkdown';

/** One message of the transcript. Answers render their markdown incrementally while they stream. */
export class MessageComponent {
	readonly element: HTMLElement;
	private readonly markdown: StreamingMarkdown | undefined;
	private readonly footer = h('div', { class: 'message-footer' });
	private pinButton: HTMLButtonElement | undefined;
	private status: MessageView['status'];

	constructor(readonly message: MessageView, private readonly strings: ChatStrings) {
		const isUser = message.role === 'user';
		const author = isUser ? strings.you : strings.assistant;
		const header = h('div', { class: 'message-header' },
			icon(isUser ? 'account' : 'sparkle'), h('span', { class: 'message-author', text: author }));
		if (!isUser && message.model) {
			header.append(h('span', { class: 'message-model', text: message.model }));
		}
		this.element = h('article', {
			class: `message ${message.role}`,
			attrs: { 'data-message-id': message.id, 'aria-label': message.model ? `${author} (${message.model})` : author },
		}, header);
		if (isUser) {
			this.element.append(this.userBody(message));
		} else {
			this.markdown = new StreamingMarkdown(strings);
			this.element.append(this.markdown.element, this.footer);
			this.status = message.status ?? 'done';
			this.markdown.reset(message.text, this.status !== 'streaming');
			this.renderFooter(message);
		}
	}

	get isStreaming(): boolean {
		return this.status === 'streaming';
	}

	/** The message's text so far. */
	get text(): string {
		return this.markdown?.text ?? this.message.text;
	}

	/** Length of the text received so far (deltas carry the offset they expect). */
	get receivedLength(): number {
		return this.markdown?.length ?? this.message.text.length;
	}

	append(text: string): void {
		this.markdown?.append(text);
	}

	/** Renders queued text; called once per animation frame. */
	flush(): boolean {
		return this.markdown?.flush() ?? false;
	}

	finish(update: Pick<MessageView, 'status' | 'text' | 'error'>): void {
		if (this.markdown === undefined) {
			return;
		}
		this.status = update.status;
		if (this.markdown.text !== update.text) {
			this.markdown.reset(update.text, true);
		} else {
			this.markdown.finish();
		}
		Object.assign(this.message, update);
		this.renderFooter(this.message);
	}

	/** The answer's charge became known: shown quietly in its footer. */
	setCost(cost: string): void {
		this.message.cost = cost;
		if (this.status !== 'streaming') {
			this.renderFooter(this.message);
		}
	}

	/** The question's images were pinned or unpinned: the toggle shows it (pressed = pinned). */
	setPinned(pinned: boolean): void {
		this.message.pinned = pinned;
		const button = this.pinButton;
		if (button === undefined) {
			return;
		}
		const label = pinned ? this.strings.unpinImages : this.strings.pinImages;
		button.setAttribute('aria-pressed', String(pinned));
		button.setAttribute('aria-label', label);
		button.title = label;
		button.replaceChildren(icon(pinned ? 'pinned' : 'pin'));
	}

	/** Shows or hides the Regenerate button (only the last answer has it). */
	setLast(last: boolean): void {
		this.element.classList.toggle('last', last);
	}

	private renderFooter(message: MessageView): void {
		this.element.setAttribute('aria-busy', String(this.status === 'streaming'));
		this.footer.replaceChildren();
		if (this.status === 'streaming') {
			return;
		}
		if (this.status === 'stopped') {
			this.footer.append(h('span', { class: 'message-note', text: this.strings.stopped }));
		}
		if (message.error) {
			this.footer.append(renderErrorCard(message.error, this.strings));
		}
		const actions = h('div', { class: 'message-actions' });
		if ((this.markdown?.text ?? '') !== '') {
			const copy = iconButton('copy', this.strings.copyAnswer);
			copy.dataset.action = 'copyAnswer';
			actions.append(copy);
		}
		if (!message.error) {
			// An error card has its own Retry.
			const regenerate = iconButton('refresh', this.strings.regenerate, 'regenerate');
			regenerate.dataset.action = 'regenerate';
			actions.append(regenerate);
		}
		if (message.cost) {
			actions.append(h('span', { class: 'message-cost', text: message.cost }));
		}
		this.footer.append(actions);
	}

	private userBody(message: MessageView): HTMLElement {
		const body = h('div', { class: 'message-body' });
		if ((message.attachments ?? []).length > 0) {
			body.append(h('div', { class: 'chips' }, ...(message.attachments ?? []).map(a =>
				h('span', { class: 'chip', attrs: { title: a.label } }, icon(a.kind === 'file' ? 'file' : a.kind === 'problems' ? 'warning' : 'selection'), h('span', { text: a.label })))));
		}
		if ((message.images ?? []).length > 0) {
			this.pinButton = iconButton('pin', this.strings.pinImages, 'pin-images');
			this.pinButton.dataset.action = 'pinImages';
			body.append(h('div', { class: 'images' }, ...(message.images ?? []).map(image => {
				const img = h('img', { class: 'thumbnail', attrs: { alt: image.name } });
				img.src = image.dataUrl;
				return img;
			}), this.pinButton));
			this.setPinned(message.pinned === true);
		}
		if (message.text !== '') {
			body.append(h('p', { class: 'user-text', text: message.text }));
		}
		return body;
	}
}
