import * as vscode from 'vscode';
import type { AttachmentChip } from '../shared/chatProtocol';
import { contextSize, formatBytes, formatTokenCount } from './contextLimits';
import type { ContextAttachment } from './conversation';

/** The attachment with its size for the chip (`12 KB · ~3.1k tokens`). */
export function sizedAttachment(attachment: ContextAttachment): ContextAttachment {
	const { bytes, tokens } = contextSize(attachment.text);
	return { ...attachment, size: vscode.l10n.t('{0} · ~{1} tokens', formatBytes(bytes), formatTokenCount(tokens)) };
}

/** What the webview gets of an attachment: never its text. */
export function attachmentChip({ id, label, kind, size }: ContextAttachment): AttachmentChip {
	return { id, label, kind, ...(size === undefined ? {} : { size }) };
}
