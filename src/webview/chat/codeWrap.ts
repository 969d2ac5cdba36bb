import type { ChatStrings } from '../../shared/chatProtocol';
import { iconButton } from './dom';
import type { VsCodeApi } from './vscodeApi';

/**
 * Wrapping of long code lines, one switch for the whole view: a class on the body (the CSS wraps every
 * code block under it), remembered in the webview's state so it survives hide/show and reloads.
 * Every code block's header has a toggle button reflecting it (`aria-pressed`).
 */
const wrapClass = 'wrap-code';
const selector = 'button[data-action="toggleWrap"]';

export function isCodeWrapped(): boolean {
	return document.body.classList.contains(wrapClass);
}

/** The toggle for a code block's header. */
export function codeWrapButton(strings: ChatStrings): HTMLButtonElement {
	const button = iconButton('word-wrap', strings.wrapCode);
	button.dataset.action = 'toggleWrap';
	button.setAttribute('aria-pressed', String(isCodeWrapped()));
	return button;
}

/** Applies the remembered choice (call once at startup). */
export function restoreCodeWrap(api: VsCodeApi): void {
	setCodeWrapped(api.getState()?.wrapCode === true);
}

/** Clicks on any toggle flip the switch for the whole view and remember it. */
export function handleCodeWrapClicks(root: HTMLElement, api: VsCodeApi): void {
	root.addEventListener('click', event => {
		if (event.target instanceof Element && event.target.closest(selector)) {
			const wrapped = !isCodeWrapped();
			setCodeWrapped(wrapped);
			api.setState({ draft: '', ...api.getState(), wrapCode: wrapped });
		}
	});
}

function setCodeWrapped(wrapped: boolean): void {
	document.body.classList.toggle(wrapClass, wrapped);
	for (const button of Array.from(document.querySelectorAll(selector))) {
		button.setAttribute('aria-pressed', String(wrapped));
	}
}
