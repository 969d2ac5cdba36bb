import type { ChatStrings } from '../shared/chatProtocol';

/**
 * The webview's text through a translation function (`vscode.l10n.t` in the extension); `{0}`
 * placeholders are filled in by the webview. No `vscode` import, so tests can build the page too.
 */
export function chatStrings(t: (message: string) => string): ChatStrings {
	return {
		transcriptLabel: t('Conversation'),
		inputLabel: t('Message (Enter to send, Shift+Enter for a new line)'),
		inputPlaceholder: t('Ask AI Pass…'),
		send: t('Send'),
		stop: t('Stop (Escape)'),
		retry: t('Retry'),
		regenerate: t('Regenerate'),
		copy: t('Copy'),
		copied: t('Copied'),
		insertAtCursor: t('Insert at Cursor'),
		openInEditor: t('Open in New Editor'),
		copyAnswer: t('Copy Answer'),
		attachContext: t('Attach Selection or File'),
		attachImage: t('Attach Image'),
		removeAttachment: t('Remove'),
		modelLabel: t('Model'),
		you: t('You'),
		assistant: t('AI Pass'),
		stopped: t('Stopped.'),
		signIn: t('Sign In'),
		topUp: t('Top Up'),
		pickModel: t('Choose Another Model'),
		retryIn: t('Retry in {0} s'),
		noVision: t('{0} cannot read images. Choose a model with vision to send images.'),
		imageTooLarge: t('{0} is too large to send, even after shrinking it.'),
		imageUnreadable: t('{0} could not be read as an image.'),
		tooManyImages: t('At most {0} images can be sent with one message.'),
		emptyTitle: t('Chat with AI Pass'),
		emptyHint: t('Ask a question about your code. Attach the current selection or file, or paste an image.'),
		newConversation: t('New Conversation'),
		history: t('Conversation History'),
		export: t('Export as Markdown'),
		codeBlock: t('code'),
		wrapCode: t('Wrap Long Lines'),
		pinImages: t('Pin Images: Send Them With Every Later Question'),
		unpinImages: t('Unpin Images: Send Them Only With This Question'),
		apply: t('Apply'),
		contextList: t('Files and context to attach'),
		contextNoMatches: t('No matching files'),
		estimateTokens: t('≈ {0} tokens'),
		estimateTitle: t('Estimated input tokens of the next question (system prompt, history, attachments and text): {0}'),
		estimateOver: t('≈ {0} input tokens: more than aipass.chat.maxContextTokens ({1}), older turns will be left out'),
	};
}
