import type { AttachmentChip, ChatLimits, ChatStrings, ContextSuggestion, ModelOption, OutgoingImage, WebviewMessage } from '../../shared/chatProtocol';
import { type AtQuery, atQueryAt, removeAtQuery } from './atQuery';
import { ContextList } from './contextList';
import { format, h, icon, iconButton } from './dom';
import { imageFiles, prepareImage } from './images';
import { ModelPicker } from './modelPicker';
import type { VsCodeApi } from './vscodeApi';

const chipIcons: Record<AttachmentChip['kind'], string> = { file: 'file', selection: 'selection', problems: 'warning' };

/**
 * The input area: attachments, images, the message box, the model picker and Send / Stop.
 * Enter sends, Shift+Enter is a new line, Escape stops a streaming answer. Typing `@` opens the list of
 * context to attach (found by the host); the estimated input tokens are shown before sending.
 */
export class Composer {
	readonly element: HTMLElement;
	private readonly input: HTMLTextAreaElement;
	private readonly modelPicker: ModelPicker;
	private readonly sendButton: HTMLButtonElement;
	private readonly stopButton: HTMLButtonElement;
	private readonly chips = h('div', { class: 'chips composer-chips' });
	private readonly notice = h('div', { class: 'notice', attrs: { role: 'status', 'aria-live': 'polite' } });
	private readonly fileInput: HTMLInputElement;
	private readonly contextList: ContextList;
	private readonly estimate = h('span', { class: 'token-estimate' });
	/** The `@query` being typed, and the number of the last query sent to the host. */
	private at: AtQuery | undefined;
	private queryId = 0;
	/** Escape closed the list of the `@` at this index: it stays closed while that `@query` is typed on. */
	private dismissedAt: number | undefined;
	private estimateTimer: ReturnType<typeof setTimeout> | undefined;
	private models: ModelOption[] = [];
	private attachments: AttachmentChip[] = [];
	private images: OutgoingImage[] = [];
	private busy = false;
	private saveTimer: ReturnType<typeof setTimeout> | undefined;

	constructor(
		private readonly strings: ChatStrings,
		private readonly limits: ChatLimits,
		private readonly api: VsCodeApi,
		private readonly onSend: () => void,
	) {
		this.input = h('textarea', {
			class: 'input',
			attrs: { 'aria-label': strings.inputLabel, placeholder: strings.inputPlaceholder, rows: '1', maxlength: String(limits.maxTextChars) },
		});
		this.input.value = api.getState()?.draft ?? '';
		this.modelPicker = new ModelPicker(strings.modelLabel, model => this.post({ type: 'selectModel', model }));
		this.sendButton = iconButton('send', strings.send, 'send');
		this.stopButton = iconButton('debug-stop', strings.stop, 'stop');
		this.stopButton.hidden = true;
		const attachContext = iconButton('mention', strings.attachContext, 'attach-context');
		const attachImage = iconButton('file-media', strings.attachImage, 'attach-image');
		this.fileInput = h('input', { attrs: { type: 'file', accept: 'image/*', multiple: '', hidden: '', tabindex: '-1', 'aria-hidden': 'true' } });
		this.contextList = new ContextList(strings.contextList, strings.contextNoMatches, this.input, item => this.pickContext(item));

		this.element = h('div', { class: 'composer' },
			this.notice,
			this.chips,
			h('div', { class: 'input-row' }, this.contextList.element, this.input),
			h('div', { class: 'toolbar' },
				attachContext, attachImage, this.fileInput, this.modelPicker.element, h('span', { class: 'spacer' }), this.estimate, this.stopButton, this.sendButton));

		this.input.addEventListener('keydown', event => {
			if (this.contextList.handleKey(event)) {
				if (event.key === 'Escape') {
					this.dismissedAt = this.at?.start;
				}
				return;
			}
			if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
				event.preventDefault();
				this.send();
			}
		});
		this.input.addEventListener('input', () => {
			this.autoSize();
			this.saveDraft();
			this.updateAtQuery();
			this.requestEstimate();
		});
		// The caret moved into or out of an `@query`.
		this.input.addEventListener('click', () => this.updateAtQuery());
		this.input.addEventListener('keyup', event => {
			if (['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(event.key)) {
				this.updateAtQuery();
			}
		});
		this.input.addEventListener('blur', () => {
			this.contextList.close();
			this.at = undefined; // back in the box, a click on the @query opens the list again
		});
		this.input.addEventListener('paste', event => {
			const files = imageFiles(event.clipboardData);
			if (files.length > 0) {
				event.preventDefault();
				void this.addImages(files);
			}
		});
		this.sendButton.addEventListener('click', () => this.send());
		this.stopButton.addEventListener('click', () => this.post({ type: 'stop' }));
		attachContext.addEventListener('click', () => this.startAtQuery());
		attachImage.addEventListener('click', () => this.fileInput.click());
		this.fileInput.addEventListener('change', () => {
			void this.addImages(Array.from(this.fileInput.files ?? []));
			this.fileInput.value = '';
		});
		this.chips.addEventListener('click', event => this.onChipClick(event));
	}

	/** Drops anywhere in the view land here. */
	onDrop(data: DataTransfer | null): void {
		const files = imageFiles(data);
		if (files.length > 0) {
			void this.addImages(files);
		}
	}

	focus(): void {
		this.input.focus();
	}

	focusModelPicker(): void {
		this.modelPicker.open();
	}

	setBusy(busy: boolean): void {
		this.busy = busy;
		this.sendButton.hidden = busy;
		this.stopButton.hidden = !busy;
	}

	setModels(models: ModelOption[], selected: string): void {
		this.models = models.some(m => m.id === selected) ? models : [{ id: selected, label: selected, vision: true }, ...models];
		this.modelPicker.setModels(this.models, selected);
	}

	setAttachments(attachments: AttachmentChip[]): void {
		this.attachments = attachments;
		this.renderChips();
		this.requestEstimate();
	}

	/** The host's `@` list for query `requestId`; an answer to an older query is dropped. */
	showSuggestions(requestId: number, items: ContextSuggestion[]): void {
		if (requestId === this.queryId && this.at !== undefined) {
			this.contextList.show(items);
		}
	}

	showEstimate(tokens: number, limit: number, over: boolean): void {
		const figure = tokens.toLocaleString('en-US');
		this.estimate.textContent = format(this.strings.estimateTokens, figure);
		this.estimate.title = over ? format(this.strings.estimateOver, figure, limit.toLocaleString('en-US')) : format(this.strings.estimateTitle, figure);
		this.estimate.classList.toggle('over', over);
		this.estimate.dataset.tokens = String(tokens);
	}

	/** Asks the host for the estimate of the draft as it stands (after typing pauses: never per keystroke). */
	requestEstimate(): void {
		clearTimeout(this.estimateTimer);
		this.estimateTimer = setTimeout(() => this.post({ type: 'estimateTokens', text: this.input.value, images: this.images.length }), 300);
	}

	showNotice(text: string): void {
		this.notice.textContent = text;
		this.notice.hidden = text === '';
	}

	private post(message: WebviewMessage): void {
		this.api.postMessage(message);
	}

	private send(): void {
		const text = this.input.value;
		if (this.busy || (text.trim() === '' && this.images.length === 0)) {
			return;
		}
		if (this.images.length > 0 && !this.currentModel().vision) {
			this.showNotice(format(this.strings.noVision, this.currentModel().label));
			return;
		}
		this.post({ type: 'send', text, images: this.images });
		this.input.value = '';
		this.contextList.close();
		this.at = undefined;
		this.images = [];
		this.renderChips();
		this.autoSize();
		this.saveDraft();
		this.showNotice('');
		this.requestEstimate();
		this.onSend();
	}

	/** Opens, updates or closes the `@` list for the text at the caret. */
	private updateAtQuery(): void {
		const { value, selectionStart, selectionEnd } = this.input;
		const at = selectionStart === selectionEnd ? atQueryAt(value, selectionStart) : undefined;
		if (at === undefined || at.start === this.dismissedAt) {
			this.at = undefined;
			this.contextList.close();
			if (at === undefined) {
				this.dismissedAt = undefined;
			}
			return;
		}
		const changed = this.at === undefined || this.at.start !== at.start || this.at.query !== at.query;
		this.at = at;
		if (changed) {
			this.post({ type: 'contextQuery', requestId: ++this.queryId, query: at.query });
		}
	}

	/** The Attach button: an `@` at the caret, which opens the list. */
	private startAtQuery(): void {
		const { value, selectionStart, selectionEnd } = this.input;
		const before = value.slice(0, selectionStart);
		const insert = before === '' || /\s$/.test(before) ? '@' : ' @';
		this.input.focus();
		this.input.setRangeText(insert, selectionStart, selectionEnd, 'end');
		this.dismissedAt = undefined;
		this.autoSize();
		this.updateAtQuery();
	}

	private pickContext(item: ContextSuggestion): void {
		const at = this.at;
		if (at !== undefined && this.input.value.slice(at.start, at.end) === `@${at.query}`) {
			const { text, caret } = removeAtQuery(this.input.value, at);
			this.input.value = text;
			this.input.setSelectionRange(caret, caret);
			this.autoSize();
			this.saveDraft();
		}
		this.at = undefined;
		this.post({ type: 'pickContext', id: item.id });
		this.requestEstimate();
	}

	private currentModel(): ModelOption {
		const id = this.modelPicker.value;
		return this.models.find(m => m.id === id) ?? { id, label: id, vision: true };
	}

	private async addImages(files: File[]): Promise<void> {
		const model = this.currentModel();
		if (!model.vision) {
			this.showNotice(format(this.strings.noVision, model.label));
			return;
		}
		for (const file of files) {
			if (this.images.length >= this.limits.maxImages) {
				this.showNotice(format(this.strings.tooManyImages, this.limits.maxImages));
				break;
			}
			try {
				const image = await prepareImage(file, file.name || 'image', this.limits.targetImageBytes);
				if (image.dataUrl.length > this.limits.maxImageDataUrlChars) {
					this.showNotice(format(this.strings.imageTooLarge, file.name));
					continue;
				}
				this.images.push(image);
				this.showNotice('');
			} catch {
				this.showNotice(format(this.strings.imageUnreadable, file.name || 'image'));
			}
		}
		this.renderChips();
		this.requestEstimate();
	}

	private renderChips(): void {
		const chips: HTMLElement[] = this.attachments.map(a => {
			const remove = iconButton('close', `${this.strings.removeAttachment}: ${a.label}`, 'chip-remove');
			remove.dataset.attachment = a.id;
			const size = a.size === undefined ? [] : [h('span', { class: 'chip-size', text: a.size })];
			return h('span', { class: 'chip', attrs: { title: a.size === undefined ? a.label : `${a.label} · ${a.size}` } },
				icon(chipIcons[a.kind]), h('span', { class: 'chip-label', text: a.label }), ...size, remove);
		});
		this.images.forEach((image, index) => {
			const thumbnail = h('img', { class: 'thumbnail', attrs: { alt: image.name } });
			thumbnail.src = image.dataUrl;
			const remove = iconButton('close', `${this.strings.removeAttachment}: ${image.name}`, 'chip-remove');
			remove.dataset.image = String(index);
			chips.push(h('span', { class: 'chip image-chip', attrs: { title: image.name } }, thumbnail, remove));
		});
		this.chips.replaceChildren(...chips);
		this.chips.hidden = chips.length === 0;
	}

	private onChipClick(event: MouseEvent): void {
		const button = event.target instanceof Element ? event.target.closest<HTMLButtonElement>('button') : null;
		if (button?.dataset.attachment !== undefined) {
			this.post({ type: 'removeAttachment', id: button.dataset.attachment });
		} else if (button?.dataset.image !== undefined) {
			this.images.splice(Number(button.dataset.image), 1);
			this.renderChips();
			this.requestEstimate();
		}
	}

	private autoSize(): void {
		this.input.style.height = 'auto';
		this.input.style.height = `${Math.min(this.input.scrollHeight, 240)}px`;
	}

	private saveDraft(): void {
		clearTimeout(this.saveTimer);
		this.saveTimer = setTimeout(() => this.api.setState({ ...this.api.getState(), draft: this.input.value }), 250);
	}
}
