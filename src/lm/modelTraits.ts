/**
 * What VS Code's language model API wants to know about a model that the AI Pass catalog does not say:
 * family, version and token limits, derived from the id. Pure (no `vscode`), unit-tested.
 */

export interface TokenLimits {
	readonly maxInputTokens: number;
	readonly maxOutputTokens: number;
}

/**
 * Prompts sent through AI Pass are paid from the user's own budget, so the input limit VS Code may fill
 * is capped at what Copilot's own models advertise, whatever the model could take.
 */
export const inputTokenCap = 128_000;

/** Providers' published limits by family prefix (context window minus output where they publish both). */
const knownLimits: readonly (readonly [RegExp, TokenLimits])[] = [
	[/^gpt-5/, { maxInputTokens: 272_000, maxOutputTokens: 128_000 }],
	[/^gpt-4\.1/, { maxInputTokens: 1_000_000, maxOutputTokens: 32_768 }],
	[/^(gpt-4o|chatgpt-4o)/, { maxInputTokens: 128_000, maxOutputTokens: 16_384 }],
	[/^o\d/, { maxInputTokens: 200_000, maxOutputTokens: 100_000 }],
	[/^claude-/, { maxInputTokens: 200_000, maxOutputTokens: 64_000 }],
	[/^gemini-/, { maxInputTokens: 1_048_576, maxOutputTokens: 65_536 }],
];

/** Unknown models: a small but common window. */
const fallbackLimits: TokenLimits = { maxInputTokens: 32_000, maxOutputTokens: 4_096 };

/** Dated snapshots: `-2024-11-20`, `-20241022`, `-0613`. */
const datedSuffix = /^(.+?)-(\d{4}-\d{2}-\d{2}|\d{8}|\d{4})$/;

/** The id without a provider prefix: `gemini/gemini-2.5-flash-lite` → `gemini-2.5-flash-lite`. */
function baseId(id: string): string {
	return id.slice(id.lastIndexOf('/') + 1);
}

/**
 * `gpt-4o-2024-11-20` → family `gpt-4o`, version `2024-11-20`; an undated id is its own family and version
 * (`gpt-5-mini` → `gpt-5-mini`, `gpt-5-mini`), so selectors by family or version both find it.
 */
export function familyAndVersion(id: string): { family: string; version: string } {
	const base = baseId(id);
	const dated = datedSuffix.exec(base);
	return dated ? { family: dated[1], version: dated[2] } : { family: base, version: base };
}

export function tokenLimits(id: string): TokenLimits {
	const family = familyAndVersion(id).family.toLowerCase();
	const limits = knownLimits.find(([pattern]) => pattern.test(family))?.[1] ?? fallbackLimits;
	return { maxInputTokens: Math.min(limits.maxInputTokens, inputTokenCap), maxOutputTokens: limits.maxOutputTokens };
}

/**
 * Token estimate without a tokenizer: about 4 characters per token for English text and code (OpenAI's
 * rule of thumb; the AI Pass catalog publishes no tokenizer). Always rounds up, never 0 for non-empty text.
 */
export function estimateTokens(characters: number): number {
	return Math.ceil(Math.max(0, characters) / 4);
}
