import * as vscode from 'vscode';
import { Commands } from '../platform/commands';
import type { SpendCheck } from '../platform/spendingPorts';
import type { Services } from '../services';
import { AnalysisDocuments } from './analysisDocument';
import { readOptions, readUri } from './analyzeOptions';
import { ImageAnalyzer } from './imageAnalyzer';

/**
 * Analyze Image: `aipass.analyzeImage [uri] [options]` from the palette, the Explorer and the
 * editor title menus. Returns the analyzer for the extension's test API.
 */
export function registerAnalyzeImage(services: Services, guard?: SpendCheck): ImageAnalyzer {
	const documents = new AnalysisDocuments();
	const analyzer = new ImageAnalyzer(services, documents, guard);
	services.context.subscriptions.push(
		documents,
		analyzer,
		vscode.commands.registerCommand(Commands.analyzeImage, (uri: unknown, options: unknown) => analyzer.run(readUri(uri), readOptions(options))),
	);
	return analyzer;
}
