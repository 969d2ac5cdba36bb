import type { AttachmentChip, ChatLimits, ChatStrings, ModelOption, OutgoingImage, WebviewMessage } from '../../shared/chatProtocol';
import { format, h, icon, iconButton } from './dom';
import { imageFiles, prepareImage } from './images';
import { ModelPicker } from './modelPicker';
import type { VsCodeApi } from './vscodeApi';

/**
 * The input area: attachments, images, the message box, the model picker and Send / Stop.
 * Enter sends, Shift+Enter is a new line, Escape stops a streaming answer.
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

		this.element = h('div', { class: 'composer' },
			this.notice,
			this.chips,
			h('div', { class: 'input-row' }, this.input),
			h('div', { class: 'toolbar' },
				attachContext, attachImage, this.fileInput, this.modelPicker.element, h('span', { class: 'spacer' }), this.stopButton, this.sendButton));

		this.input.addEventListener('keydown', event => {
			if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
				event.preventDefault();
				this.send();
			}
		});
		this.input.addEventListener('input', () => {
			this.autoSize();
			this.saveDraft();
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
		attachContext.addEventListener('click', () => this.post({ type: 'attachContext' }));
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
		this.images = [];
		this.renderChips();
		this.autoSize();
		this.saveDraft();
		this.showNotice('');
		this.onSend();
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
	}

	private renderChips(): void {
		const chips: HTMLElement[] = this.attachments.map(a => {
			const remove = iconButton('close', `${this.strings.removeAttachment}: ${a.label}`, 'chip-remove');
			remove.dataset.attachment = a.id;
			return h('span', { class: 'chip', attrs: { title: a.label } }, icon(a.kind === 'file' ? 'file' : 'selection'), h('span', { text: a.label }), remove);
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
