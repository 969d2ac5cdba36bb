import * as vscode from 'vscode';
import { isAiPassError } from '../api/errors';
import type { ChatRequest } from '../api/types';
import { isCancellation, showError } from '../errors';
import type { Logger } from '../log';
import type { Services } from '../services';
import { type AnalysisDocuments, receiptProblemText, renderAnalysis } from './analysisDocument';
import type { AnalyzeImageOptions, AnalyzeImageResult, ImageFacts } from './analyzeOptions';
import { isImageInputError } from './codec/imageErrors';
import { createImageCodec } from './codecLoader';
import type { ImageCodec } from './imageCodec';
import { describeImageProblem } from './imageMessages';
import { checkFileSize, chooseImage, fileSource, type ImageSource, readImage } from './imageSource';
import { choosePrompt, type Preset } from './presets';
import { parseReceipt, type ReceiptResult } from './receipt';
import { resolveVisionModel } from './visionModel';

/** `aipass.analyzeImage`: pick an image, a task and a model, send one vision request, show the answer. */
export class ImageAnalyzer implements vscode.Disposable {
	private readonly log: Logger;
	/** Started on the first image: decoding runs in a worker, never on the extension host's thread. */
	private codec: ImageCodec | undefined;

	constructor(private readonly services: Services, private readonly documents: AnalysisDocuments) {
		this.log = services.log.child('image');
	}

	/** Never throws: failures are shown (cancellation silently) and returned. */
	async run(uri: vscode.Uri | undefined, options: AnalyzeImageOptions): Promise<AnalyzeImageResult> {
		let name = uri ? fileSource(uri).name : '';
		try {
			const source = uri ? fileSource(uri) : await chooseImage(options.source === 'clipboard');
			if (source === undefined) {
				return { status: 'cancelled' };
			}
			name = source.name;
			if (source.kind === 'file') {
				await checkFileSize(source.uri); // Refuse a huge or empty file before asking anything.
			}
			const task = await choosePrompt(options.preset, options.prompt);
			const model = task && await resolveVisionModel(this.services, options.model);
			if (task === undefined || model === undefined || options.cancellation?.isCancellationRequested) {
				return { status: 'cancelled' };
			}
			return await vscode.window.withProgress(
				{ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Analyzing {0}', source.name), cancellable: true },
				(progress, token) => this.analyze(source, task, model, progress, [token, options.cancellation]),
			);
		} catch (error) {
			// The client reports its aborted request as AbortedError: our own cancel, so silent too.
			if (isCancellation(error) || (isAiPassError(error) && error.kind === 'aborted')) {
				this.log.info(`cancelled: ${name}`);
				return { status: 'cancelled' };
			}
			const message = isImageInputError(error) ? describeImageProblem(name, error.problem)
				: isAiPassError(error) ? error.userMessage : error instanceof Error ? error.message : String(error);
			this.log.warn(`failed: ${name}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
			showError(new Error(message), this.log);
			return { status: 'failed', message };
		}
	}

	private async analyze(
		source: ImageSource, task: { preset: Preset; prompt: string }, model: string,
		progress: vscode.Progress<{ message?: string }>, tokens: readonly (vscode.CancellationToken | undefined)[],
	): Promise<AnalyzeImageResult> {
		const abort = new AbortController();
		const listeners = tokens.map(token => token?.onCancellationRequested(() => abort.abort()));
		const checkpoint = async () => {
			await new Promise(resolve => setTimeout(resolve, 0)); // Let a click on Cancel arrive between steps.
			if (abort.signal.aborted || tokens.some(token => token?.isCancellationRequested)) {
				throw new vscode.CancellationError();
			}
		};
		try {
			progress.report({ message: vscode.l10n.t('Reading the image…') });
			const bytes = await readImage(source);
			await checkpoint();
			progress.report({ message: vscode.l10n.t('Preparing the image…') });
			this.codec ??= createImageCodec(this.services.context.extensionUri);
			const prepared = await this.codec.prepareImage(bytes, {}, abort.signal);
			const image: ImageFacts = { original: prepared.original, sent: prepared.sent };
			this.log.info(`${source.name}: ${describeFacts(image)}`);
			await checkpoint();
			progress.report({ message: vscode.l10n.t('Waiting for {0}…', model) });
			const request: ChatRequest = {
				model,
				messages: [{ role: 'user', content: [{ type: 'text', text: task.prompt }, { type: 'image_url', image_url: { url: prepared.dataUrl } }] }],
			};
			const completion = await this.services.client.chat(request, abort.signal);
			const answer = completion.choices[0]?.message.content ?? '';
			const receipt = task.preset.id === 'receipt' ? parseReceipt(answer) : undefined;
			const markdown = renderAnalysis({
				imageName: source.name, presetLabel: task.preset.label, prompt: task.prompt, custom: task.preset.id === 'custom', model, image, answer, receipt,
			});
			const uri = this.documents.add(source.name, markdown);
			await this.show(uri);
			this.notifyReceipt(source.name, receipt);
			return {
				status: 'done', uri, model, preset: task.preset.id, image, answer,
				...(receipt?.ok ? { json: receipt.json, receipt: receipt.receipt } : {}),
				...(receipt && !receipt.ok ? { receiptProblem: receiptProblemText(receipt) } : {}),
			};
		} finally {
			listeners.forEach(listener => listener?.dispose());
		}
	}

	dispose(): void {
		this.codec?.dispose();
	}

	private async show(uri: vscode.Uri): Promise<void> {
		try {
			await vscode.commands.executeCommand('markdown.showPreview', uri);
		} catch (error) {
			// The built-in Markdown extension may be disabled: the source is readable too.
			this.log.warn(`markdown preview unavailable (${error instanceof Error ? error.message : String(error)}); opening the text`);
			await vscode.window.showTextDocument(uri, { preview: true });
		}
	}

	/** Not awaited: the notification stays until dismissed and must not hold the command's result. */
	private notifyReceipt(name: string, receipt: ReceiptResult | undefined): void {
		if (receipt === undefined) {
			return;
		}
		if (!receipt.ok) {
			void vscode.window.showWarningMessage(vscode.l10n.t('{0} The raw answer is in the document.', receiptProblemText(receipt)));
			return;
		}
		const copy = vscode.l10n.t('Copy JSON');
		void vscode.window.showInformationMessage(vscode.l10n.t('Receipt data extracted from {0}.', name), copy).then(async choice => {
			if (choice === copy) {
				await vscode.env.clipboard.writeText(receipt.json);
			}
		});
	}
}

function describeFacts({ original, sent }: ImageFacts): string {
	return `${original.mime} ${original.width}x${original.height} ${original.bytes} B -> ${sent.mime} ${sent.width}x${sent.height} ${sent.bytes} B`
		+ (sent.reencoded ? (sent.quality === undefined ? '' : ` q${sent.quality}`) : ' (unchanged)');
}
