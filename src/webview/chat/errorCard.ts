import type { ChatStrings, ErrorAction, ErrorCardView } from '../../shared/chatProtocol';
import { format, h, icon, textButton } from './dom';

const actionIcons: Record<ErrorAction, string> = { signIn: 'sign-in', topUp: 'credit-card', retry: 'refresh', pickModel: 'settings' };

/** An error in the conversation, with buttons for what to do next (`data-error-action` on each). */
export function renderErrorCard(card: ErrorCardView, strings: ChatStrings): HTMLElement {
	const labels: Record<ErrorAction, string> = { signIn: strings.signIn, topUp: strings.topUp, retry: strings.retry, pickModel: strings.pickModel };
	const actions = h('div', { class: 'error-actions' });
	for (const action of card.actions) {
		const button = textButton(actionIcons[action], labels[action], action === card.actions[0] ? 'primary' : 'secondary');
		button.dataset.errorAction = action;
		actions.append(button);
		if (action === 'retry' && card.retryAfterSeconds !== undefined && card.retryAfterSeconds > 0) {
			countDown(button, card, card.retryAfterSeconds, strings);
		}
	}
	return h('div', { class: `error-card error-${card.kind}`, attrs: { role: 'group', 'aria-label': card.title } },
		h('div', { class: 'error-title' }, icon('error'), h('span', { text: card.title })),
		h('p', { class: 'error-message', text: card.message }),
		actions);
}

/**
 * When each card's Retry becomes available, in this webview's clock: fixed the first time a card is
 * drawn, so redrawing the same card continues the countdown instead of restarting it.
 */
const deadlines = new WeakMap<ErrorCardView, number>();

/** Keeps Retry disabled, with the seconds left in its label, until the server's Retry-After has passed. */
function countDown(button: HTMLButtonElement, card: ErrorCardView, seconds: number, strings: ChatStrings): void {
	const label = button.querySelector('span:last-child');
	const deadline = deadlines.get(card) ?? Date.now() + seconds * 1000;
	deadlines.set(card, deadline);
	// Counted from the deadline, not by ticks: a hidden (throttled) webview never falls behind.
	const update = (): number => {
		const left = Math.ceil((deadline - Date.now()) / 1000);
		button.disabled = left > 0;
		if (label) {
			label.textContent = left > 0 ? format(strings.retryIn, left) : strings.retry;
		}
		return left;
	};
	if (update() <= 0) {
		return;
	}
	const timer = setInterval(() => {
		if (update() <= 0 || !button.isConnected) {
			clearInterval(timer);
		}
	}, 250);
}
