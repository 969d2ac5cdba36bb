/**
 * `npm run emulator`: the local AI Pass emulator on its own.
 * Options: --host (default 127.0.0.1), --port (default 8787), --client-id ID (repeatable: seeds a
 * dynamic-callback client with that id), --demo (model-like answers and pictures), --quiet.
 */
import { parseArgs } from 'node:util';
import { SEED_CLIENTS } from './seed';
import { startEmulator } from './server';

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			host: { type: 'string', default: '127.0.0.1' },
			port: { type: 'string', default: '8787' },
			'client-id': { type: 'string', multiple: true, default: [] },
			quiet: { type: 'boolean', default: false },
			demo: { type: 'boolean', default: false },
		},
	});
	const port = Number(values.port);
	if (!Number.isInteger(port) || port < 0 || port > 65535) {
		throw new Error(`--port must be a port number, got "${values.port}".`);
	}
	const extraIds = values['client-id'];
	const emulator = await startEmulator({
		host: values.host,
		port,
		quiet: values.quiet,
		demo: values.demo,
		seedClients: extraIds.map((clientId) => ({ clientId, clientName: `Local client ${clientId}`, redirectUris: null })),
	});
	console.log(`AI Pass emulator listening on ${emulator.url}`);
	const ids = [...SEED_CLIENTS.map((client) => client.clientId), ...extraIds];
	console.log(`Seeded clients: ${ids.join(', ')}`);
	console.log(`Admin API: ${emulator.url}/__admin/ (see test/emulator/README.md). Ctrl+C stops.`);
	let closing = false;
	const stop = (): void => {
		if (closing) {
			return;
		}
		closing = true;
		void emulator.close().then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
