import { type ChatRequest } from './chatRequest';
import { sha256 } from './mediaBytes';
import { type PixelStats, pixelStats } from './demoPixels';
import { type ImageRecord } from './types';

/**
 * The demo mode's answers: what a model's answers look like (Markdown with headings, lists, a table
 * and code in several languages), and for images a description of what the bytes really hold.
 * Scripted replies (`POST /__admin/chat-reply`) still win over these.
 */
export function demoAnswer(request: ChatRequest): string {
	return request.lastUserImages.length > 0 ? describeImages(request) : demoText(request.lastUserText);
}

const SCRIPT_HINT = '> *Demo mode:* this answer comes from the local AI Pass emulator, not from a model. '
	+ 'Script the next answer with `POST /__admin/chat-reply` (see test/emulator/README.md).';

interface Snippet {
	language: string;
	label: string;
	keywords: RegExp;
	code: string;
}

const SNIPPETS: readonly Snippet[] = [
	{
		language: 'typescript', label: 'TypeScript', keywords: /\b(typescript|ts|javascript|js|node|web|debounce)\b/i,
		code: [
			'export function debounce<T extends unknown[]>(fn: (...args: T) => void, waitMs: number): (...args: T) => void {',
			'\tlet timer: ReturnType<typeof setTimeout> | undefined;',
			'\treturn (...args: T) => {',
			'\t\tclearTimeout(timer);',
			'\t\ttimer = setTimeout(() => fn(...args), waitMs);',
			'\t};',
			'}',
		].join('\n'),
	},
	{
		language: 'python', label: 'Python', keywords: /\b(python|py|data|csv|script)\b/i,
		code: [
			'from collections import Counter',
			'',
			'def top_words(text: str, n: int = 5) -> list[tuple[str, int]]:',
			'    """The n most common words, case-insensitive."""',
			'    words = (w.strip(".,!?").lower() for w in text.split())',
			'    return Counter(w for w in words if w).most_common(n)',
		].join('\n'),
	},
	{
		language: 'rust', label: 'Rust', keywords: /\b(rust|cargo|fast|memory)\b/i,
		code: [
			'fn fibonacci(n: u32) -> u64 {',
			'    let (mut a, mut b) = (0u64, 1u64);',
			'    for _ in 0..n {',
			'        (a, b) = (b, a + b);',
			'    }',
			'    a',
			'}',
		].join('\n'),
	},
	{
		language: 'bash', label: 'Shell', keywords: /\b(bash|shell|curl|cli|terminal|api)\b/i,
		code: [
			'curl -sS https://aipass.one/oauth2/v1/chat/completions \\',
			'  -H "Authorization: Bearer $AIPASS_TOKEN" \\',
			'  -H "Content-Type: application/json" \\',
			'  -d \'{"model": "gpt-5-mini", "messages": [{"role": "user", "content": "Hello"}]}\'',
		].join('\n'),
	},
	{
		language: 'go', label: 'Go', keywords: /\b(go|golang|server|http)\b/i,
		code: [
			'package main',
			'',
			'import (',
			'\t"fmt"',
			'\t"net/http"',
			')',
			'',
			'func main() {',
			'\thttp.HandleFunc("/hello", func(w http.ResponseWriter, r *http.Request) {',
			'\t\tfmt.Fprintf(w, "Hello, %s!", r.URL.Query().Get("name"))',
			'\t})',
			'\thttp.ListenAndServe(":8080", nil)',
			'}',
		].join('\n'),
	},
];

/** Two code samples: the languages the question names first, then others chosen by the question's hash. */
function pickSnippets(question: string): Snippet[] {
	const named = SNIPPETS.filter((snippet) => snippet.keywords.test(question));
	const start = sha256(question)[0] % SNIPPETS.length;
	const rotated = [...SNIPPETS.slice(start), ...SNIPPETS.slice(0, start)];
	return [...new Set([...named, ...rotated])].slice(0, 2);
}

function titleOf(question: string): string {
	const words = question.replace(/[#*_`<>[\]|\\]/g, ' ').replace(/\s+/g, ' ').trim();
	if (words === '') {
		return 'An answer';
	}
	return words.length > 60 ? `${words.slice(0, 57).trimEnd()}…` : words;
}

function demoText(question: string): string {
	const [first, second] = pickSnippets(question);
	return [
		`## ${titleOf(question)}`,
		'',
		'Here is how I would approach it: the idea in short, the trade-offs side by side, then code you can adapt.',
		'',
		'### In short',
		'',
		'1. **Start small**: get one path working end to end before you generalise.',
		'2. **Measure** before you optimise; keep the numbers next to the change.',
		'3. **Name things** after what they do for the reader, not how they do it.',
		'   - a test that fails for the right reason is worth more than three that pass',
		'   - keep the happy path short and the error path explicit',
		'',
		'### Side by side',
		'',
		`| Option | Good for | Watch out for |`,
		'|---|---|---|',
		`| ${first.label} | \`${first.language}\` code you run today | its ecosystem's conventions |`,
		`| ${second.label} | \`${second.language}\` when it fits the team | build and deploy setup |`,
		'| Do nothing | keeping things simple | the problem coming back |',
		'',
		`### ${first.label}`,
		'',
		`\`\`\`${first.language}`,
		first.code,
		'```',
		'',
		`### ${second.label}`,
		'',
		`\`\`\`${second.language}`,
		second.code,
		'```',
		'',
		'Both run as they are; ask a follow-up to adapt them to your code.',
		'',
		SCRIPT_HINT,
	].join('\n');
}

function describeImages(request: ChatRequest): string {
	const wantsJson = /\bjson\b/i.test(request.lastUserText);
	const described = request.lastUserImages.map((image, index) => {
		const data = request.lastUserImageData[index] ?? Buffer.alloc(0);
		return { image, stats: data.length > 0 ? pixelStats(data, image) : null };
	});
	if (wantsJson) {
		return ['```json', JSON.stringify(described.length === 1 ? jsonOf(described[0]) : described.map(jsonOf), null, 2), '```'].join('\n');
	}
	const parts = described.map(({ image, stats }, index) => [
		described.length > 1 ? `### Image ${index + 1}` : '## What I see',
		'',
		...imageLines(image, stats),
	].join('\n'));
	return [...parts, '', '> *Demo mode:* the emulator measured these properties from the image bytes it received; a real model describes the content. '
		+ 'Script the next answer with `POST /__admin/chat-reply`.'].join('\n');
}

function imageLines(image: ImageRecord, stats: PixelStats | null): string[] {
	if (image.url !== undefined) {
		return ['The image is given by URL; the emulator does not fetch URLs, so there is nothing to describe.'];
	}
	const lines = [
		`The image is a **${image.format.toUpperCase()}** of **${image.width} × ${image.height}** pixels (${orientation(image)}), ${kilobytes(image.bytes)}.`,
		'',
	];
	if (stats === null || stats.colours.length === 0) {
		lines.push(`I could not look at its pixels (${image.format} is described from its header only).`);
		return lines;
	}
	const [main, ...others] = stats.colours;
	lines.push(
		`- **Dominant colour:** ${main.name} (\`${main.hex}\`), about ${percent(main.share)} of the picture`,
		...(others.length > 0 ? [`- **Also present:** ${others.map((colour) => `${colour.name} (\`${colour.hex}\`, ${percent(colour.share)})`).join(', ')}`] : []),
		`- **Overall:** ${stats.brightness < 0.3 ? 'dark' : stats.brightness > 0.7 ? 'bright' : 'mid-toned'} (mean brightness ${percent(stats.brightness)})`,
		`- **Transparency:** ${stats.transparent > 0 ? `${percent(stats.transparent)} of the pixels are see-through` : 'none, fully opaque'}`,
		'',
		'| Property | Value |',
		'|---|---|',
		`| Format | ${image.format} (declared \`${image.declaredMime ?? 'none'}\`) |`,
		`| Size | ${image.width} × ${image.height} px |`,
		`| File size | ${image.bytes} bytes |`,
		...stats.colours.map((colour, index) => `| Colour ${index + 1} | ${colour.name} \`${colour.hex}\` (${percent(colour.share)}) |`),
	);
	return lines;
}

function jsonOf({ image, stats }: { image: ImageRecord; stats: PixelStats | null }): unknown {
	return {
		format: image.format,
		width: image.width,
		height: image.height,
		bytes: image.bytes,
		dominantColour: stats?.colours[0] ? { name: stats.colours[0].name, hex: stats.colours[0].hex } : null,
		brightness: stats ? Math.round(stats.brightness * 100) / 100 : null,
		note: 'Demo mode: measured by the AI Pass emulator, not a model.',
	};
}

function orientation(image: ImageRecord): string {
	if (image.width === image.height) {
		return 'square';
	}
	const divisor = gcd(image.width, image.height);
	const ratio = divisor > 1 && image.width / divisor <= 32 ? `, ${image.width / divisor}:${image.height / divisor}` : '';
	return `${image.width > image.height ? 'landscape' : 'portrait'}${ratio}`;
}

function gcd(a: number, b: number): number {
	return b === 0 ? a : gcd(b, a % b);
}

function kilobytes(bytes: number): string {
	return bytes < 1024 ? `${bytes} bytes` : `${(bytes / 1024).toFixed(1)} KB`;
}

function percent(share: number): string {
	return `${Math.round(share * 100)} %`;
}
