import type { ChatStrings, ErrorAction, HostMessage } from '../../shared/chatProtocol';
import { handleCodeWrapClicks, restoreCodeWrap } from './codeWrap';
import { Composer } from './composer';
import { h, iconButton } from './dom';
import { Transcript } from './transcript';
import type { VsCodeApi } from './vscodeApi';

/** The chat UI, built when the host's `init` arrives (it carries the strings and the whole state). */
export class ChatApp {
	private readonly transcript: Transcript;
	private readonly composer: Composer;
	private busy = false;

	constructor(root: HTMLElement, init: Extract<HostMessage, { type: 'init' }>, private readonly api: VsCodeApi) {
		const { strings } = init;
		restoreCodeWrap(api);
		handleCodeWrapClicks(root, api);
		this.transcript = new Transcript(strings, message => api.postMessage(message), action => this.onErrorAction(action), () => this.resync());
		this.composer = new Composer(strings, init.limits, api, () => this.transcript.follow());
		root.replaceChildren(...(init.surface === 'panel' ? [this.panelToolbar(strings)] : []), this.transcript.element, this.composer.element);
		root.addEventListener('dragover', event => event.preventDefault());
		root.addEventListener('drop', event => {
			event.preventDefault();
			this.composer.onDrop(event.dataTransfer);
		});
		this.apply(init);
	}

	apply(message: HostMessage): void {
		switch (message.type) {
			case 'init':
				this.transcript.show(message.conversation);
				this.composer.setModels(message.models, message.model);
				this.composer.setAttachments(message.attachments);
				this.setBusy(message.busy);
				break;
			case 'conversation':
				this.transcript.show(message.conversation);
				this.setBusy(message.busy);
				this.composer.focus();
				this.composer.requestEstimate();
				break;
			case 'messageAdded':
				this.transcript.add(message.message);
				break;
			case 'messageRemoved':
				this.transcript.remove(message.messageId);
				break;
			case 'delta':
				this.transcript.delta(message.messageId, message.offset, message.text);
				break;
			case 'messageFinished':
				this.transcript.finish(message.messageId, { status: message.status, text: message.text, error: message.error });
				this.composer.requestEstimate();
				break;
			case 'busy':
				this.setBusy(message.busy);
				break;
			case 'messageCost':
				this.transcript.setCost(message.messageId, message.cost, message.total);
				break;
			case 'messagePinned':
				this.transcript.setPinned(message.messageId, message.pinned);
				break;
			case 'models':
				this.composer.setModels(message.models, message.model);
				this.composer.requestEstimate();
				break;
			case 'attachments':
				this.composer.setAttachments(message.attachments);
				break;
			case 'notice':
				this.composer.showNotice(message.text);
				break;
			case 'focusInput':
				this.composer.focus();
				break;
			case 'contextSuggestions':
				this.composer.showSuggestions(message.requestId, message.items);
				break;
			case 'tokenEstimate':
				this.composer.showEstimate(message.tokens, message.limit, message.over);
				break;
		}
	}

	/** Escape anywhere in the view stops a streaming answer. */
	onKeyDown(event: KeyboardEvent): void {
		if (event.key === 'Escape' && this.busy) {
			event.preventDefault();
			this.api.postMessage({ type: 'stop' });
		}
	}

	private setBusy(busy: boolean): void {
		this.busy = busy;
		this.composer.setBusy(busy);
		this.transcript.setBusy(busy);
	}

	private onErrorAction(action: ErrorAction): void {
		if (action === 'pickModel') {
			this.composer.focusModelPicker();
		} else {
			this.api.postMessage({ type: 'errorAction', action });
		}
	}

	private resync(): void {
		this.api.postMessage({ type: 'ready' });
	}

	/** In an editor tab there is no view title bar, so the view's title actions live here. */
	private panelToolbar(strings: ChatStrings): HTMLElement {
		const bar = h('div', { class: 'panel-toolbar', attrs: { role: 'toolbar' } });
		const add = (iconName: string, label: string, command: 'newConversation' | 'showHistory' | 'export'): void => {
			const button = iconButton(iconName, label);
			button.addEventListener('click', () => this.api.postMessage({ type: 'command', command }));
			bar.append(button);
		};
		add('add', strings.newConversation, 'newConversation');
		add('history', strings.history, 'showHistory');
		add('export', strings.export, 'export');
		return bar;
	}
}
