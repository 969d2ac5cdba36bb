/**
 * What the chat hands to Apply when a code block's Apply button is pressed (src/apply resolves where
 * it goes; the composition root connects the two). Pure: no `vscode`.
 */

/** A span of a document as zero-based line/character pairs: start line, start character, end line, end character. */
export type LineRange = readonly [number, number, number, number];

/** Where an attachment came from (a workspace file, and the selection when it was one). */
export interface AttachmentSource {
	/** The document's URI as a string. */
	readonly uri: string;
	readonly range?: LineRange;
}

/** What the chat knows when Apply is pressed on a code block. */
export interface ApplyRequest {
	/** The code block's text as shown. */
	readonly code: string;
	/** The whole answer (Markdown), to read the block's fence info string. */
	readonly answer: string;
	/** Selections and files attached to the question the answer is for (first usable one wins). */
	readonly attached: readonly (AttachmentSource & { readonly text: string })[];
	/** The text editor the user worked in last, if any. */
	readonly lastEditor?: string;
}
