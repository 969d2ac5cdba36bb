/**
 * What a person waits for in the real VS Code 1.139 web workbench, each next to a reference measured in
 * the same workbench:
 * - chat view: from the click on "AI Pass: Open Chat" in the palette until the composer exists (the page
 *   marks `aipass-chat-interactive`), next to the smallest webview view an extension can contribute
 *   (referenceExtension.ts), opened the same way; the two alternate which goes first;
 * - Analyze Image of a ~50 KB PNG: from the click on the task ("Describe") until the answer shows in the
 *   preview, split at the moment the emulator received the request; next to the bare HTTP round trip of
 *   the same request (same image, same emulator) from Node. First and second run of the workbench.
 * Each round is a fresh workbench (a fresh server, browser and emulator).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { PageDom } from '../e2e/chatWebviewPage';
import { chooseInFileDialog } from '../host/fileDialog';
import { openWorkbench, type Workbench } from '../host/workbench';
import { signIn } from '../unit/api/helpers';
import { photo, pngOf } from '../unit/vision/fixtures';
import { referenceCommandTitle, referenceMark, writeReferenceExtension } from './referenceExtension';

/** Click → the page's frame exists (VS Code's part), → its script runs (loading the page), → interactive (the page's own work). */
export interface OpenTimes { total: number; frame: number; script: number; ready: number }

export interface WorkbenchTimes {
	chatOpen: OpenTimes[];
	referenceOpen: OpenTimes[];
	/** Per analyze run: total, click → request at the emulator, request → answer shown. */
	analyze: { run: 1 | 2; total: number; toRequest: number; toShown: number }[];
	bareRoundTrip: number[];
	pngBytes: number;
}

const chatMark = 'aipass-chat-interactive';

/**
 * When the frame of the page that marked `name` was created, and the epoch times of its marks (the page
 * records them; polling only reads them). The first mark, when there are two, is where its script started.
 */
async function markTimes(page: Page, name: string): Promise<{ origin: number; marks: number[] }> {
	const deadline = Date.now() + 60_000;
	for (;;) {
		for (const frame of page.frames()) {
			const found = await frame.evaluate(mark => {
				if (performance.getEntriesByName(mark).length === 0) {
					return undefined;
				}
				return { origin: performance.timeOrigin, marks: performance.getEntriesByType('mark').map(entry => performance.timeOrigin + entry.startTime) };
			}, name).catch(() => undefined);
			if (found !== undefined) {
				return found;
			}
		}
		if (Date.now() > deadline) {
			throw new Error(`no frame marked ${name}`);
		}
		await new Promise(resolve => setTimeout(resolve, 50));
	}
}

async function timeToInteractive(workbench: Workbench, title: string, mark: string): Promise<OpenTimes> {
	let clicked = 0;
	await workbench.runCommand(title, () => { clicked = Date.now(); });
	const { origin, marks } = await markTimes(workbench.page, mark);
	const interactive = marks[marks.length - 1];
	return {
		total: Math.round(interactive - clicked), frame: Math.round(origin - clicked),
		script: Math.round(marks[0] - origin), ready: Math.round(interactive - marks[0]),
	};
}

/** Polls every frame for `text` as fast as the page answers (the figure is at most one poll late). */
async function shownAt(page: Page, text: string): Promise<number> {
	const deadline = Date.now() + 60_000;
	for (;;) {
		for (const frame of page.frames()) {
			const found = await frame.evaluate(wanted => (globalThis as unknown as PageDom).document.querySelector('body')?.textContent?.includes(wanted) ?? false, text).catch(() => false);
			if (found) {
				return Date.now();
			}
		}
		if (Date.now() > deadline) {
			throw new Error(`no frame shows "${text}"`);
		}
	}
}

async function analyzeOnce(workbench: Workbench, file: string, run: 1 | 2): Promise<WorkbenchTimes['analyze'][number]> {
	const { page, emulator } = workbench;
	await emulator.admin.clearRequests();
	await emulator.admin.setChatReply({ content: `Answer ${run}: a small photo.`, once: true });
	await workbench.runCommand('AI Pass: Analyze Image…');
	await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Choose an image file…' }).click({ timeout: 30_000 });
	await chooseInFileDialog(page, file);
	const describe = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Describe' }).first();
	await describe.waitFor({ timeout: 30_000 }).catch(async (error: unknown) => {
		await page.screenshot({ path: `out/bench-analyze-${run}.png` });
		throw error;
	});
	const clicked = Date.now();
	await describe.click();
	const shown = await shownAt(page, `Answer ${run}: a small photo.`);
	const [request] = await emulator.admin.requests({ path: '/chat/completions' });
	const received = Date.parse(request.time);
	await workbench.runCommand('View: Close All Editors');
	return { run, total: shown - clicked, toRequest: received - clicked, toShown: shown - received };
}

async function bareRoundTrip(workbench: Workbench, png: Uint8Array): Promise<number> {
	const { accessToken } = await signIn(workbench.emulator);
	const body = JSON.stringify({
		model: 'gpt-5-mini',
		messages: [{ role: 'user', content: [{ type: 'text', text: 'Describe this image.' }, { type: 'image_url', image_url: { url: `data:image/png;base64,${Buffer.from(png).toString('base64')}` } }] }],
	});
	const started = performance.now();
	const response = await fetch(`${workbench.emulator.url}/oauth2/v1/chat/completions`, {
		method: 'POST', headers: { Authorization: `Bearer ${accessToken}`, 'Content-Type': 'application/json' }, body,
	});
	await response.json();
	if (!response.ok) {
		throw new Error(`bare round trip: HTTP ${response.status}`);
	}
	return Math.round(performance.now() - started);
}

export async function runWorkbenchTimes(rounds = 2): Promise<WorkbenchTimes> {
	const scratch = mkdtempSync(path.join(os.tmpdir(), 'aipass-bench-'));
	const referenceFolder = writeReferenceExtension(scratch);
	const png = pngOf(photo(150, 110), { rgb: true });
	const times: WorkbenchTimes = { chatOpen: [], referenceOpen: [], analyze: [], bareRoundTrip: [], pngBytes: png.length };
	try {
		for (let round = 0; round < rounds; round++) {
			const workbench = await openWorkbench({ extraExtensions: [referenceFolder] });
			try {
				await workbench.signIn();
				const chat = () => timeToInteractive(workbench, 'AI Pass: Open Chat', chatMark);
				const reference = () => timeToInteractive(workbench, referenceCommandTitle, referenceMark);
				if (round % 2 === 0) {
					times.chatOpen.push(await chat());
					times.referenceOpen.push(await reference());
				} else {
					times.referenceOpen.push(await reference());
					times.chatOpen.push(await chat());
				}
				const file = path.join(workbench.server.workspaceDir, 'small.png');
				writeFileSync(file, png);
				times.analyze.push(await analyzeOnce(workbench, file, 1), await analyzeOnce(workbench, file, 2));
				times.bareRoundTrip.push(await bareRoundTrip(workbench, png));
			} finally {
				await workbench.close();
			}
		}
	} finally {
		rmSync(scratch, { recursive: true, force: true });
	}
	return times;
}

export function describeWorkbenchTimes(times: WorkbenchTimes): string[] {
	const median = (values: number[]) => {
		const sorted = [...values].sort((a, b) => a - b);
		const middle = sorted.length / 2;
		return Math.round(Number.isInteger(middle) ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[Math.floor(middle)]);
	};
	const phases = (open: OpenTimes[]) => `frame ${median(open.map(o => o.frame))} + page load ${median(open.map(o => o.script))} + page work ${median(open.map(o => o.ready))}`;
	const chat = median(times.chatOpen.map(o => o.total));
	const reference = median(times.referenceOpen.map(o => o.total));
	const lines = [
		`chat view open → composer ready: ${times.chatOpen.map(o => o.total).join(', ')} ms (median ${chat}: ${phases(times.chatOpen)}) | `
			+ `minimal webview view ${times.referenceOpen.map(o => o.total).join(', ')} ms (median ${reference}: ${phases(times.referenceOpen)}) | ratio ${(chat / reference).toFixed(2)}x`,
	];
	for (const run of [1, 2] as const) {
		const runs = times.analyze.filter(a => a.run === run);
		const total = median(runs.map(a => a.total));
		lines.push(`analyze ${(times.pngBytes / 1024).toFixed(0)} KB PNG, run ${run}: click → answer shown ${runs.map(a => a.total).join(', ')} ms (median ${total}; `
			+ `to request ${median(runs.map(a => a.toRequest))} ms, request → shown ${median(runs.map(a => a.toShown))} ms) | bare HTTP round trip ${median(times.bareRoundTrip)} ms`);
	}
	return lines;
}
