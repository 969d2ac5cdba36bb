import * as vscode from 'vscode';
import { receiptPrompt } from './receipt';

export const presetIds = ['describe', 'ocr', 'ui', 'receipt', 'custom'] as const;
export type PresetId = (typeof presetIds)[number];

export interface Preset {
	id: PresetId;
	label: string;
	detail: string;
	/** Undefined for `custom`, whose prompt the user types. */
	prompt?: string;
}

export function presets(): Preset[] {
	return [
		{
			id: 'describe',
			label: `$(eye) ${vscode.l10n.t('Describe')}`,
			detail: vscode.l10n.t('What the image shows, in detail'),
			prompt: 'Describe this image in detail: the subject, the setting, notable objects, any visible text, colours and mood. Answer in Markdown.',
		},
		{
			id: 'ocr',
			label: `$(symbol-text) ${vscode.l10n.t('Extract text (OCR)')}`,
			detail: vscode.l10n.t('Every piece of text, as written'),
			prompt: 'Transcribe all text in this image exactly as written, in reading order, keeping line breaks. Render tables as Markdown tables. '
				+ 'Add no commentary. If the image contains no text, say so in one sentence.',
		},
		{
			id: 'ui',
			label: `$(layout) ${vscode.l10n.t('Explain this UI screenshot / diagram')}`,
			detail: vscode.l10n.t('Purpose, elements and state of a screen; components and links of a diagram'),
			prompt: 'This is a screenshot of a user interface or a diagram. For a user interface, explain the purpose of the screen, its main elements '
				+ 'and their state, and point out any errors or warnings shown. For a diagram, explain its components and how they connect. '
				+ 'Answer in Markdown with headings and lists.',
		},
		{
			id: 'receipt',
			label: `$(credit-card) ${vscode.l10n.t('Receipt → JSON')}`,
			detail: vscode.l10n.t('amount, currency, date, merchant, category, confidence'),
			prompt: receiptPrompt,
		},
		{
			id: 'custom',
			label: `$(edit) ${vscode.l10n.t('Custom prompt…')}`,
			detail: vscode.l10n.t('Ask your own question about the image'),
		},
	];
}

/** The preset and the prompt to send; undefined when the user dismisses a picker or the input box. */
export async function choosePrompt(presetId: PresetId | undefined, prompt: string | undefined): Promise<{ preset: Preset; prompt: string } | undefined> {
	const all = presets();
	const id = presetId ?? (prompt !== undefined ? 'custom' : undefined);
	const preset = id !== undefined ? all.find(p => p.id === id) : await vscode.window.showQuickPick(all, {
		title: vscode.l10n.t('Analyze Image'),
		placeHolder: vscode.l10n.t('What should the model do with the image?'),
		matchOnDetail: true,
	});
	if (preset === undefined) {
		return undefined;
	}
	if (preset.prompt !== undefined) {
		return { preset, prompt: prompt ?? preset.prompt };
	}
	const typed = prompt ?? await vscode.window.showInputBox({
		title: vscode.l10n.t('Analyze Image: custom prompt'),
		prompt: vscode.l10n.t('Your question or instruction about the image'),
		placeHolder: vscode.l10n.t('e.g. Which error does this dialog show, and how do I fix it?'),
		validateInput: value => value.trim() === '' ? vscode.l10n.t('Type a prompt, or press Escape to cancel.') : undefined,
	});
	return typed === undefined || typed.trim() === '' ? undefined : { preset, prompt: typed.trim() };
}
