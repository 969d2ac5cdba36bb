import { chromium, type Browser } from 'playwright-core';
import { chromiumPath } from './hostPaths';

/** Debian's Chromium, headless, with the flags this offline machine needs. */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
	return chromium.launch({
		executablePath: chromiumPath,
		headless: true,
		args: [
			'--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
			'--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage',
			...extraArgs,
		],
	});
}
