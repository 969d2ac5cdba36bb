/**
 * `npm start`: the AI Pass emulator plus a real VS Code (web) with the extension under development,
 * pointed at the emulator. Prints the URL to open. The emulator approves sign-ins at once (no consent
 * page) so "AI Pass: Sign In" completes with one click; `--consent` keeps the consent page.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { startEmulator } from '../emulator/server';
import { projectRoot } from './hostPaths';
import { freePort, startVsCodeServer } from './vscodeServer';

async function main(): Promise<void> {
	const args = process.argv.slice(2);
	const host = valueOf(args, '--host') ?? '127.0.0.1';
	const emulatorHost = valueOf(args, '--emulator-host') ?? '127.0.0.2';
	const runDir = path.join(projectRoot, '.playground');
	mkdirSync(runDir, { recursive: true });
	const emulator = await startEmulator({ host: emulatorHost, port: Number(valueOf(args, '--emulator-port') ?? 8787), quiet: true });
	if (!args.includes('--consent')) {
		await emulator.admin.setConfig({ autoApprove: 'allow' });
	}
	const server = await startVsCodeServer({
		runDir,
		host,
		port: await freePort(host, Number(valueOf(args, '--port') ?? 8080)),
		settings: { 'aipass.baseUrl': emulator.url, 'aipass.clientId': 'client_vscode_test' },
		trustedDomains: [emulator.url],
	});
	const url = server.workbenchUrl({ extensionDevelopmentPath: projectRoot });
	console.log(`\nAI Pass emulator: ${emulator.url}  (admin API: ${emulator.url}/__admin/requests)`);
	console.log(`VS Code (web) with AI Pass loaded:\n\n  ${url}\n`);
	console.log('Run "AI Pass: Sign In" there; the emulator signs you in as Ada Lovelace. Ctrl+C stops everything.');
	const stop = async () => {
		await server.stop();
		await emulator.close();
		process.exit(0);
	};
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());
}

function valueOf(args: string[], name: string): string | undefined {
	const index = args.indexOf(name);
	return index >= 0 ? args[index + 1] : undefined;
}

main().catch(error => {
	console.error(error);
	process.exit(1);
});
