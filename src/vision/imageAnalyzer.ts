import * as vscode from 'vscode';
import type { ChatRequest } from '../api/types';
import type { SpendCheck } from '../platform/spendingPorts';
import type { Logger } from '../platform/log';
import { runOperation, withAbortSignal } from '../platform/operationRunner';
import type { AiPassClient } from '../api/client';
import { type AnalysisDocuments, receiptProblemText, renderAnalysis } from './analysisDocument';
import type { AnalyzeImageOptions, AnalyzeImageResult, ImageFacts } from './analyzeOptions';
import { isImageInputError } from './codec/imageErrors';
import { createImageCodec } from './codecLoader';
import type { ImageCodec } from './imageCodec';
import { describeImageProblem } from './imageMessages';
import { checkFileSize, chooseImage, fileSource, type ImageSource, readImage } from './imageSource';
import { choosePrompt, type Preset } from './presets';
import { parseReceipt, type ReceiptResult } from './receipt';
import { resolveVisionModel, type VisionModelDeps } from './visionModel';
import { notificationText } from '../platform/notificationText';

/** `aipass.analyzeImage`: pick an image, a task and a model, send one vision request, show the answer. */
/** What Analyze Image uses: the client, the catalog and settings (through `VisionModelDeps`), where its codec lives. */
export interface ImageAnalyzerDeps extends VisionModelDeps {
	readonly config: VisionModelDeps['config'] & { readonly dashboardUrl: string };
	readonly client: Pick<AiPassClient, 'chat'>;
	readonly extensionUri: vscode.Uri;
}

export class ImageAnalyzer implements vscode.Disposable {
	private readonly log: Logger;
	/** Started on the first image: decoding runs in a worker, never on the extension host's thread. */
	private codec: ImageCodec | undefined;

	constructor(private readonly services: ImageAnalyzerDeps, private readonly documents: AnalysisDocuments, private readonly guard?: SpendCheck) {
		this.log = services.log.child('image');
	}

	/**
	 * Never throws: failures are shown (cancellation silently) and returned. Runs through the operation
	 * runner: Retry analyzes again, Choose Another Model starts over without the given model.
	 */
	async run(uri: vscode.Uri | undefined, options: AnalyzeImageOptions): Promise<AnalyzeImageResult> {
		let name = uri ? fileSource(uri).name : '';
		this.warmUpPreview();
		const result = await runOperation({
			name: 'analyze',
			log: this.log,
			cancellation: options.cancellation,
			dashboardUrl: () => this.services.config.dashboardUrl,
			describe: error => (isImageInputError(error) ? describeImageProblem(name, error.problem) : undefined),
			isInputError: isImageInputError,
			chooseModel: () => void this.run(uri, { ...options, model: undefined }),
		}, signal => this.attempt(uri, options, signal, picked => { name = picked; }));
		switch (result.status) {
			case 'done':
				return result.value;
			case 'cancelled':
				return { status: 'cancelled' };
			case 'failed':
				return { status: 'failed', message: result.message, next: result.failure.kind === 'cancelled' ? 'none' : result.failure.kind };
		}
	}

	private async attempt(uri: vscode.Uri | undefined, options: AnalyzeImageOptions, signal: AbortSignal, named: (name: string) => void): Promise<AnalyzeImageResult> {
		const source = uri ? fileSource(uri) : await chooseImage(options.source === 'clipboard');
		if (source === undefined) {
			return { status: 'cancelled' };
		}
		named(source.name);
		if (source.kind === 'file') {
			await checkFileSize(source.uri); // Refuse a huge or empty file before asking anything.
		}
		const task = await choosePrompt(options.preset, options.prompt);
		const model = task && await resolveVisionModel(this.services, options.model);
		if (task === undefined || model === undefined || signal.aborted) {
			return { status: 'cancelled' };
		}
		// A vision request: the prompt plus one image (about a thousand tokens once resized).
		const question = { feature: 'analyzeImage' as const, model, used: { tokensIn: Math.ceil(task.prompt.length / 4) + 1000 }, action: vscode.l10n.t('Analyze {0} with {1}', source.name, model) };
		if (this.guard && !(await this.guard.confirm(question))) {
			this.log.info(`not sent (the cost was declined): ${source.name}`);
			return { status: 'cancelled' };
		}
		return withAbortSignal({ progress: { title: vscode.l10n.t('Analyzing {0}', source.name) }, signal },
			(inner, progress) => this.analyze(source, task, model, progress, inner));
	}

	private async analyze(
		source: ImageSource, task: { preset: Preset; prompt: string }, model: string,
		progress: vscode.Progress<{ message?: string }>, signal: AbortSignal,
	): Promise<AnalyzeImageResult> {
		const checkpoint = async () => {
			await new Promise(resolve => setTimeout(resolve, 0)); // Let a click on Cancel arrive between steps.
			if (signal.aborted) {
				throw new vscode.CancellationError();
			}
		};
		progress.report({ message: vscode.l10n.t('Reading the image…') });
		const bytes = await readImage(source);
		await checkpoint();
		progress.report({ message: vscode.l10n.t('Preparing the image…') });
		this.codec ??= createImageCodec(this.services.extensionUri);
		const prepared = await this.codec.prepareImage(bytes, {}, signal);
		const image: ImageFacts = { original: prepared.original, sent: prepared.sent };
		this.log.info(`${source.name}: ${describeFacts(image)}`);
		await checkpoint();
		progress.report({ message: notificationText(vscode.l10n.t('Waiting for {0}…', model)) });
		const request: ChatRequest = {
			model,
			messages: [{ role: 'user', content: [{ type: 'text', text: task.prompt }, { type: 'image_url', image_url: { url: prepared.dataUrl } }] }],
		};
		const completion = await this.services.client.chat(request, signal, { feature: 'analyzeImage' });
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
	}

	dispose(): void {
		this.codec?.dispose();
	}

	/**
	 * The result opens in VS Code's Markdown preview, whose extension (with the two it brings along) is
	 * activated on first use: about a second before the first preview can even start, measured by
	 * `npm run bench`. Start that while the user picks the image and the task. Not awaited; a failure
	 * only means the preview pays it later.
	 */
	private warmUpPreview(): void {
		const markdown = vscode.extensions.getExtension('vscode.markdown-language-features');
		if (markdown !== undefined && !markdown.isActive) {
			markdown.activate().then(undefined, (error: unknown) => this.log.warn(`could not activate the Markdown extension early: ${error instanceof Error ? error.message : String(error)}`));
		}
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
			void vscode.window.showWarningMessage(notificationText(vscode.l10n.t('{0} The raw answer is in the document.', receiptProblemText(receipt))));
			return;
		}
		const copy = vscode.l10n.t('Copy JSON');
		void vscode.window.showInformationMessage(notificationText(vscode.l10n.t('Receipt data extracted from {0}.', name)), copy).then(async choice => {
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
