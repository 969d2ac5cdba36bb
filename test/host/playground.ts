/**
 * `npm start`: the AI Pass emulator in demo mode plus a real VS Code (web) with the built extension
 * installed, pointed at the emulator. Prints what it is, the URL, the folder it opened and how to script
 * answers. Options: --port, --host, --emulator-port, --emulator-host, --consent (keep the consent page),
 * --no-demo (the tests' plain echo answers), --dir (where user data and the workspace live).
 * Ctrl+C, SIGTERM and SIGHUP stop everything it started.
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startPlayground } from './playgroundSetup';

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			host: { type: 'string', default: '127.0.0.1' },
			port: { type: 'string', default: '8080' },
			'emulator-host': { type: 'string', default: '127.0.0.2' },
			'emulator-port': { type: 'string', default: '8787' },
			consent: { type: 'boolean', default: false },
			'no-demo': { type: 'boolean', default: false },
			dir: { type: 'string', default: path.join(os.tmpdir(), 'aipass-playground') },
		},
	});
	const playground = await startPlayground({
		runDir: path.resolve(values.dir),
		host: values.host,
		port: Number(values.port),
		emulatorHost: values['emulator-host'],
		emulatorPort: Number(values['emulator-port']),
		demo: !values['no-demo'],
		consent: values.consent,
	});
	let stopping = false;
	const stop = (signal: string): void => {
		if (stopping) {
			return;
		}
		stopping = true;
		console.log(`\nStopping the VS Code server and the emulator (${signal})...`);
		void playground.stop().then(() => process.exit(0), (error: unknown) => {
			console.error(error);
			process.exit(1);
		});
	};
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		process.on(signal, () => stop(signal));
	}
	const admin = `${playground.emulator.url}/__admin`;
	console.log(`
AI Pass playground: a real VS Code (web) with the AI Pass extension installed as a user would have it,
talking to a local AI Pass emulator in demo mode (model-like Markdown answers with code, image
descriptions measured from the real pixels, generated pictures). Nothing leaves this machine; nothing costs.

  Open:      ${playground.url}
  Folder:    ${playground.workspaceDir}  (outside the repository; a few files worth trying, see its README.md)
  Emulator:  ${playground.emulator.url}${values.consent ? '' : '  (sign-ins are approved at once, as Ada Lovelace)'}

Sign in from the Accounts menu (bottom left) or with "AI Pass: Sign In", then open the AI Pass view.

Script the emulator while you click (admin API, see test/emulator/README.md):
  curl -X POST ${admin}/chat-reply -H 'Content-Type: application/json' -d '{"content":"# Hello\\nNext answer.","once":true}'
  curl -X POST ${admin}/budget -H 'Content-Type: application/json' -d '{"totalCost":9.9}'       # almost out of budget
  curl -X POST ${admin}/faults -H 'Content-Type: application/json' -d '{"kind":"dropStream","afterChunks":5}'
  curl ${admin}/requests                                                                        # what the extension sent

Ctrl+C (or kill ${process.pid}) stops everything.`);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
