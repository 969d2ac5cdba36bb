/**
 * The chat view's message protocol: one discriminated union per direction, shared by the extension
 * host (src/chat) and the webview (src/webview/chat) with `import type` only. The host validates
 * every message it receives with `parseWebviewMessage` (src/chat/parseWebviewMessage.ts).
 */

export type ChatRole = 'user' | 'assistant';
export type AnswerStatus = 'streaming' | 'done' | 'stopped' | 'error';
export type ChatSurfaceKind = 'view' | 'panel';

/** What the user can do about a failed answer; each is a button on the error card. */
export type ErrorAction = 'signIn' | 'topUp' | 'retry' | 'pickModel';
export type ErrorCardKind = 'signIn' | 'budget' | 'rateLimited' | 'invalidModel' | 'network' | 'interrupted' | 'other';

export interface ErrorCardView {
	kind: ErrorCardKind;
	title: string;
	message: string;
	actions: ErrorAction[];
	/** Rate limits, as sent to the webview: the Retry button waits this long from receipt (what is left then). */
	retryAfterSeconds?: number;
	/** Rate limits, host side (epoch ms of the host's clock): the deadline the seconds above are taken from. */
	retryAt?: number;
}

export interface ImageView {
	name: string;
	/** `data:image/…;base64,…` (the webview's CSP allows `img-src data:`). */
	dataUrl: string;
}

/** A piece of editor context attached to a question (its text stays in the host). */
export interface AttachmentChip {
	id: string;
	/** Workspace-relative path (with a line range for a selection); never an absolute path. */
	label: string;
	kind: ContextKind;
	/** How big it is, e.g. `12 KB · ~3.1k tokens`. */
	size?: string;
}

export type ContextKind = 'selection' | 'file' | 'problems';

/** One entry of the composer's `@` list, found by the host; picked by its `id`. */
export interface ContextSuggestion {
	id: string;
	kind: ContextKind;
	/** A file's name, or `@selection` / `@problems`. */
	label: string;
	/** A file's folder (workspace-relative), or what the entry attaches. */
	detail: string;
}

export interface MessageView {
	id: string;
	role: ChatRole;
	text: string;
	images?: ImageView[];
	attachments?: AttachmentChip[];
	/** Answers: the model that wrote it. */
	model?: string;
	status?: AnswerStatus;
	error?: ErrorCardView;
	/** Answers: what AI Pass charged for it, e.g. `$0.0137 · 1,204 tokens` (`≈` for an estimate). */
	cost?: string;
	/** Questions with images: they are sent with every later question too (otherwise only with this one). */
	pinned?: boolean;
}

export interface ConversationView {
	id: string;
	title: string;
	messages: MessageView[];
	/** What the conversation's answers cost so far, e.g. `Conversation: ≈ $0.0421`. */
	total?: string;
}

export interface ModelOption {
	id: string;
	label: string;
	/** Accepts images (catalog capability `vision`, or unknown for the legacy catalog). */
	vision: boolean;
}

/** Every piece of text the webview shows, localised by the host (`vscode.l10n.t`). */
export type ChatStringKey =
	| 'transcriptLabel' | 'inputLabel' | 'inputPlaceholder' | 'send' | 'stop' | 'retry' | 'regenerate' | 'copy' | 'copied'
	| 'insertAtCursor' | 'openInEditor' | 'copyAnswer' | 'attachContext' | 'attachImage' | 'removeAttachment' | 'modelLabel'
	| 'you' | 'assistant' | 'stopped' | 'signIn' | 'topUp' | 'pickModel' | 'retryIn' | 'noVision' | 'imageTooLarge'
	| 'imageUnreadable' | 'tooManyImages' | 'emptyTitle' | 'emptyHint' | 'newConversation' | 'history' | 'export'
	| 'codeBlock' | 'wrapCode' | 'pinImages' | 'unpinImages' | 'apply'
	| 'contextList' | 'contextNoMatches' | 'estimateTokens' | 'estimateTitle' | 'estimateOver';

export type ChatStrings = Record<ChatStringKey, string>;

export interface ChatState {
	conversation: ConversationView;
	models: ModelOption[];
	model: string;
	attachments: AttachmentChip[];
	busy: boolean;
}

/** Host → webview. */
export type HostMessage =
	| ({ type: 'init'; surface: ChatSurfaceKind; strings: ChatStrings; limits: ChatLimits } & ChatState)
	| { type: 'conversation'; conversation: ConversationView; busy: boolean }
	| { type: 'messageAdded'; message: MessageView }
	| { type: 'messageRemoved'; messageId: string }
	/** Text appended to a streaming answer; `offset` is the answer's length before it (gaps resync). */
	| { type: 'delta'; messageId: string; offset: number; text: string }
	| { type: 'messageFinished'; messageId: string; status: Exclude<AnswerStatus, 'streaming'>; text: string; error?: ErrorCardView }
	| { type: 'busy'; busy: boolean }
	/** An answer's charge became known (after the budget's next read); `total` is the conversation's. */
	| { type: 'messageCost'; messageId: string; cost: string; total: string }
	/** A question's images were pinned or unpinned (from this view or the other). */
	| { type: 'messagePinned'; messageId: string; pinned: boolean }
	| { type: 'models'; models: ModelOption[]; model: string }
	| { type: 'attachments'; attachments: AttachmentChip[] }
	| { type: 'notice'; text: string }
	| { type: 'focusInput' }
	/** The `@` list for the query of `requestId` (an answer to a superseded query is never sent). */
	| { type: 'contextSuggestions'; requestId: number; items: ContextSuggestion[] }
	/** Estimated input tokens of the draft as it would be sent now; `over` when more than `aipass.chat.maxContextTokens`. */
	| { type: 'tokenEstimate'; tokens: number; limit: number; over: boolean };

export interface OutgoingImage {
	name: string;
	dataUrl: string;
}

export type ChatCommandName = 'newConversation' | 'showHistory' | 'export';

/** Webview → host. */
export type WebviewMessage =
	| { type: 'ready' }
	| { type: 'send'; text: string; images: OutgoingImage[] }
	| { type: 'stop' }
	| { type: 'regenerate' }
	| { type: 'selectModel'; model: string }
	| { type: 'openLink'; href: string }
	| { type: 'copy'; text: string }
	| { type: 'insertCode'; code: string }
	| { type: 'openCode'; code: string; language: string }
	/** Apply on a code block of the answer `messageId`: the host finds the target and opens the diff review. */
	| { type: 'applyCode'; messageId: string; code: string }
	| { type: 'attachContext' }
	/** The `@query` typed in the composer (`requestId` grows with each query). */
	| { type: 'contextQuery'; requestId: number; query: string }
	/** An entry of the `@` list was chosen. */
	| { type: 'pickContext'; id: string }
	/** The draft changed (debounced): the host answers with a `tokenEstimate`. */
	| { type: 'estimateTokens'; text: string; images: number }
	| { type: 'removeAttachment'; id: string }
	/** Pin (or unpin) the images of a sent question: pinned images go with every later question. */
	| { type: 'pinImages'; messageId: string; pinned: boolean }
	| { type: 'errorAction'; action: ErrorAction }
	| { type: 'command'; command: ChatCommandName };

/** Limits the host enforces on webview messages; sent in `init` so the webview keeps within them. */
export interface ChatLimits {
	maxTextChars: number;
	maxCodeChars: number;
	maxImages: number;
	/** Characters of one image data URL. */
	maxImageDataUrlChars: number;
	/** The webview's downscale target for one image, in bytes. */
	targetImageBytes: number;
}
