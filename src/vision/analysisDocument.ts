import * as vscode from 'vscode';
import type { ImageFacts } from './analyzeOptions';
import { formatBytes } from './imageSource';
import { inertMarkdown } from './inertMarkdown';
import { type ReceiptResult } from './receipt';

export const analysisScheme = 'aipass-analysis';
const KEEP = 50;

/**
 * Read-only Markdown documents holding analysis results (no "Save changes?" prompt on close, unlike
 * untitled documents). The newest results are kept in memory for as long as the window lives.
 */
export class AnalysisDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
	private readonly contents = new Map<string, string>();
	private counter = 0;
	private readonly registration = vscode.workspace.registerTextDocumentContentProvider(analysisScheme, this);

	provideTextDocumentContent(uri: vscode.Uri): string {
		return this.contents.get(uri.toString()) ?? vscode.l10n.t('This analysis is no longer available. Run **AI Pass: Analyze Image…** again.');
	}

	add(imageName: string, markdown: string): vscode.Uri {
		const uri = vscode.Uri.from({ scheme: analysisScheme, path: `/${++this.counter}/${imageName}.md` });
		this.contents.set(uri.toString(), markdown);
		for (const key of this.contents.keys()) {
			if (this.contents.size <= KEEP) {
				break;
			}
			this.contents.delete(key);
		}
		return uri;
	}

	dispose(): void {
		this.registration.dispose();
		this.contents.clear();
	}
}

export interface AnalysisReport {
	imageName: string;
	presetLabel: string;
	prompt: string;
	custom: boolean;
	model: string;
	image: ImageFacts;
	answer: string;
	receipt?: ReceiptResult;
}

/** The document: image facts (original → sent), model, then the answer (or the receipt JSON). */
export function renderAnalysis(report: AnalysisReport): string {
	const { original, sent } = report.image;
	const t = vscode.l10n.t;
	const lines = [
		`# ${escapeInline(report.imageName)}`,
		'',
		`| | ${t('original')} | ${t('sent')} |`,
		'|---|---|---|',
		`| ${t('format')} | ${original.mime} | ${sent.mime}${sent.quality === undefined ? '' : ` (${t('quality {0}', sent.quality)})`} |`,
		`| ${t('size')} | ${formatBytes(original.bytes)} | ${formatBytes(sent.bytes)} |`,
		`| ${t('dimensions')} | ${original.width} × ${original.height} | ${sent.width} × ${sent.height} |`,
		'',
		`${t('Model')}: \`${report.model.replace(/`/g, '')}\` · ${t('Task')}: ${escapeInline(report.presetLabel.replace(/^\$\([^)]*\)\s*/, ''))}`
			+ (sent.reencoded ? '' : ` · ${t('sent unchanged')}`)
			+ (original.orientation === 1 ? '' : ` · ${t('EXIF orientation {0} applied', original.orientation)}`),
		'',
	];
	if (report.custom) {
		lines.push(`> ${escapeInline(report.prompt).replace(/\n/g, '\n> ')}`, '');
	}
	const receipt = report.receipt;
	if (receipt?.ok) {
		lines.push(`## ${t('Receipt')}`, '', fenced(receipt.json, 'json'), '');
	} else if (receipt) {
		lines.push(`## ${t('No valid receipt JSON')}`, '', `> **${receiptProblemText(receipt)}**`, '');
		lines.push(...receipt.problems.map(problem => `- ${escapeInline(problem)}`), ...(receipt.problems.length ? [''] : []));
		lines.push(`### ${t('Raw answer')}`, '', report.answer.trim() === '' ? `_${t('(empty)')}_` : fenced(report.answer, 'text'), '');
	} else {
		// Model output: images become links and raw HTML text, so the preview loads nothing remote.
		lines.push(`## ${t('Answer')}`, '', report.answer.trim() === '' ? `_${t('The model returned an empty answer.')}_` : inertMarkdown(report.answer.trim()), '');
	}
	return lines.join('\n');
}

export function receiptProblemText(receipt: Extract<ReceiptResult, { ok: false }>): string {
	switch (receipt.reason) {
		case 'empty': return vscode.l10n.t('The model returned an empty answer.');
		case 'noJson': return vscode.l10n.t('The answer contains no JSON object.');
		case 'invalidJson': return vscode.l10n.t('The JSON in the answer is not valid.');
		case 'invalidFields': return vscode.l10n.t('The JSON in the answer does not have the expected receipt fields.');
	}
}

/** A code fence longer than any run of backticks inside, so model output cannot close it early. */
function fenced(text: string, language: string): string {
	const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map(run => run[0].length));
	const fence = '`'.repeat(longest + 1);
	return `${fence}${language}\n${text.trim()}\n${fence}`;
}

function escapeInline(text: string): string {
	return text.replace(/([\\`*_[\]<>|#])/g, '\\$1');
}
