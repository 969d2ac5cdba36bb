import type { CommandHandlers } from '../platform/commandHandlers';
import type { Subscriptions } from '../platform/subscriptions';
import { Commands } from '../platform/commands';
import type { SpendCheck } from '../platform/spendingPorts';
import { AnalysisDocuments } from './analysisDocument';
import { readOptions, readUri } from './analyzeOptions';
import { ImageAnalyzer, type ImageAnalyzerDeps } from './imageAnalyzer';

/**
 * Analyze Image: `aipass.analyzeImage [uri] [options]` from the palette, the Explorer and the
 * editor title menus.
 */
export function createAnalyzeImage(deps: ImageAnalyzerDeps & { readonly subscriptions: Subscriptions }, guard?: SpendCheck): VisionFeature {
	const documents = new AnalysisDocuments();
	const analyzer = new ImageAnalyzer(deps, documents, guard);
	deps.subscriptions.push(documents, analyzer);
	return { analyzer, commands: { [Commands.analyzeImage]: (uri: unknown, options: unknown) => analyzer.run(readUri(uri), readOptions(options)) } };
}

export const visionCommandIds = [Commands.analyzeImage] as const;

export interface VisionFeature {
	readonly analyzer: ImageAnalyzer;
	readonly commands: CommandHandlers<(typeof visionCommandIds)[number]>;
}
