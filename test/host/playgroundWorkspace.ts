import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { encode as encodeJpeg } from 'jpeg-js';
import { demoImagePng } from '../emulator/demoImage';
import { sineWav } from '../emulator/mediaBytes';

const README = `# AI Pass playground

This folder is a scratch workspace for trying the AI Pass extension against the local AI Pass
emulator (demo mode). Nothing here leaves your machine and nothing costs money.

Things to try:

1. **Sign in**: the Accounts menu (bottom left) offers "Sign in with AI Pass"; the emulator signs you
   in as Ada Lovelace at once. The budget appears in the status bar.
2. **Chat**: open the AI Pass view in the activity bar and ask anything. Answers are Markdown with
   code in several languages, streamed like a model would.
3. **Analyze Image**: right-click \`images/sunset.png\` or \`images/photo.jpg\` in the Explorer.
   The emulator describes the real image: size, format, colours.
4. **Generate Image**: run "AI Pass: Generate Image" from the Command Palette (F1).
5. **Selection**: select code in \`src/debounce.ts\` and use "AI Pass: Attach Selection to Chat" or
   "AI Pass: Read Aloud" from the editor's context menu.
6. **Transcribe**: right-click \`audio/tone.wav\`.
7. **@aipass** in VS Code's own chat, and the AI Pass models in its model picker.
`;

const DEBOUNCE = `/** Calls \`fn\` once calls have stopped for \`waitMs\`. Try: select it and ask AI Pass to explain it. */
export function debounce<T extends unknown[]>(fn: (...args: T) => void, waitMs: number): (...args: T) => void {
	let timer: ReturnType<typeof setTimeout> | undefined;
	return (...args: T) => {
		clearTimeout(timer);
		timer = setTimeout(() => fn(...args), waitMs);
	};
}
`;

const STATS = `"""Word statistics. Try: ask AI Pass to add a test for top_words."""
from collections import Counter


def top_words(text: str, n: int = 5) -> list[tuple[str, int]]:
    words = (w.strip(".,!?").lower() for w in text.split())
    return Counter(w for w in words if w).most_common(n)


if __name__ == "__main__":
    print(top_words("the quick brown fox jumps over the lazy dog the end"))
`;

/** A photo-like JPEG: a sky-to-sea gradient with a sun. */
function photoJpeg(width: number, height: number): Buffer {
	const data = Buffer.alloc(width * height * 4);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			const sea = y > height * 0.62;
			const t = y / height;
			const sun = Math.hypot(x - width * 0.68, y - height * 0.5) < height * 0.12;
			const rgb = sun ? [255, 214, 90] : sea ? [20, 60 + 40 * t, 110 + 60 * t] : [250 - 90 * t, 140 + 60 * t, 90 + 120 * t];
			data.set([...rgb.map(Math.round), 255], (y * width + x) * 4);
		}
	}
	return Buffer.from(encodeJpeg({ width, height, data }, 85).data);
}

/** Creates the playground workspace with a few files worth trying; files the user changed are kept. */
export function seedPlaygroundWorkspace(dir: string): void {
	const files: Record<string, () => string | Buffer> = {
		'README.md': () => README,
		'src/debounce.ts': () => DEBOUNCE,
		'scripts/stats.py': () => STATS,
		'images/sunset.png': () => demoImagePng(640, 400, 'Analyze me', 'sunset'),
		'images/photo.jpg': () => photoJpeg(800, 500),
		'audio/tone.wav': () => sineWav(1.5),
		'.vscode/settings.json': () => JSON.stringify({ 'git.openRepositoryInParentFolders': 'never' }, null, 2),
	};
	for (const [name, content] of Object.entries(files)) {
		const file = path.join(dir, name);
		if (!existsSync(file)) {
			mkdirSync(path.dirname(file), { recursive: true });
			writeFileSync(file, content());
		}
	}
}
