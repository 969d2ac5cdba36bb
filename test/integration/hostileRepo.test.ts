import assert from 'node:assert/strict';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { Logger } from '../../src/platform/log';
import { MediaOutput } from '../../src/media/mediaOutput';
import type { MediaFiles } from '../../src/media/mediaArgs';
import { extensionApi } from './helpers';
import { recordFailures, routeRequests, signInForMedia, workspaceRoot } from './mediaHelpers';

const aipass = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('aipass');
const quiet: Logger = { trace: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, child: () => quiet };

describe('hostile repository: output folder confinement (real disk, real host)', function () {
	this.timeout(60_000);
	let outside: string;
	let recorder: Awaited<ReturnType<typeof recordFailures>>;
	const links: string[] = [];

	/** A symbolic link committed in the repository: `<workspace>/<name>` → `target`. */
	function committedLink(name: string, target: string): void {
		const link = path.join(workspaceRoot().fsPath, name);
		rmSync(link, { force: true, recursive: false });
		symlinkSync(target, link, 'dir');
		links.push(link);
	}

	beforeEach(async () => {
		await signInForMedia();
		outside = mkdtempSync(path.join(os.tmpdir(), 'aipass-outside-'));
		recorder = await recordFailures();
	});

	afterEach(async () => {
		recorder.dispose();
		await aipass().update('media.outputFolder', undefined, vscode.ConfigurationTarget.Global);
		for (const link of links.splice(0)) {
			rmSync(link, { force: true });
		}
		rmSync(outside, { recursive: true, force: true });
	});

	it('a link to a folder outside the workspace is refused before any paid call, and nothing is written there', async () => {
		committedLink('media-link', outside);
		await aipass().update('media.outputFolder', 'media-link', vscode.ConfigurationTarget.Global);
		const result = await vscode.commands.executeCommand('aipass.image.generate', { prompt: 'x', model: 'nano-banana-2', size: 'auto', n: 1, preview: false });
		assert.equal(result, undefined);
		assert.match(recorder.failures[0]?.message ?? '', /The output folder media-link is a link that leads outside the workspace/);
		assert.equal((await routeRequests('/images/generations')).length, 0, 'no paid call');
		assert.deepEqual(readdirSync(outside), []);
	});

	it('a folder below such a link is never created outside, and a link that points nowhere is refused too', async () => {
		committedLink('media-link', outside);
		const output = new MediaOutput((await extensionApi()).testing.config, quiet);
		await aipass().update('media.outputFolder', 'media-link/deeper/still', vscode.ConfigurationTarget.Global);
		await assert.rejects(output.save([{ name: 'a.png', data: new Uint8Array([1]) }]), /media-link is a link that leads outside the workspace/);
		assert.deepEqual(readdirSync(outside), [], 'no folder created through the link');

		committedLink('dangling-link', path.join(outside, 'not-yet'));
		await aipass().update('media.outputFolder', 'dangling-link', vscode.ConfigurationTarget.Global);
		await assert.rejects(output.save([{ name: 'a.png', data: new Uint8Array([1]) }]), /dangling-link is a link that leads outside the workspace/);
		assert.equal(existsSync(path.join(outside, 'not-yet')), false);
	});

	it('a link that stays inside the workspace is followed, and the file lands in its real folder', async () => {
		const real = path.join(workspaceRoot().fsPath, 'real-media');
		rmSync(real, { recursive: true, force: true });
		mkdirSync(real);
		committedLink('inside-link', real);
		await aipass().update('media.outputFolder', 'inside-link', vscode.ConfigurationTarget.Global);
		const result = await vscode.commands.executeCommand<MediaFiles>('aipass.image.generate', { prompt: 'inside', model: 'nano-banana-2', size: 'auto', n: 1, preview: false });
		assert.ok(result, JSON.stringify(recorder.failures));
		assert.equal(readdirSync(real).length, 1);
		rmSync(real, { recursive: true, force: true });
	});

	it('an existing file is never overwritten: names are taken by exclusive create, even by saves running at once', async () => {
		const folder = path.join(workspaceRoot().fsPath, 'exclusive-test');
		rmSync(folder, { recursive: true, force: true });
		mkdirSync(folder);
		writeFileSync(path.join(folder, 'same.png'), 'the user\'s own file');
		// A link where a free name would be: O_EXCL refuses it rather than writing through it.
		symlinkSync(path.join(outside, 'target.png'), path.join(folder, 'same (2).png'));
		await aipass().update('media.outputFolder', 'exclusive-test', vscode.ConfigurationTarget.Global);
		const output = new MediaOutput((await extensionApi()).testing.config, quiet);
		const saves = await Promise.all(Array.from({ length: 6 }, (_, i) => output.save([{ name: 'same.png', data: new TextEncoder().encode(`save ${i}`) }])));
		const names = saves.map(([uri]) => path.basename(uri.fsPath));
		assert.equal(new Set(names).size, 6, `six distinct files: ${names.join(', ')}`);
		assert.ok(!names.includes('same.png') && !names.includes('same (2).png'));
		assert.equal(readFileSync(path.join(folder, 'same.png'), 'utf8'), 'the user\'s own file');
		assert.equal(existsSync(path.join(outside, 'target.png')), false, 'nothing written through the link');
		assert.ok(lstatSync(path.join(folder, 'same (2).png')).isSymbolicLink());
		const contents = names.map(name => readFileSync(path.join(folder, name), 'utf8')).sort();
		assert.deepEqual(contents, Array.from({ length: 6 }, (_, i) => `save ${i}`), 'every save kept its own bytes');
		rmSync(folder, { recursive: true, force: true });
	});
});

describe('hostile settings: plain http base URL', function () {
	this.timeout(60_000);
	let emulator: string | undefined;

	before(() => {
		emulator = aipass().get<string>('baseUrl');
	});

	afterEach(async () => {
		await aipass().update('baseUrl', emulator, vscode.ConfigurationTarget.Global);
	});

	it('http://example.com is refused with a message, nothing is sent; the loopback emulator (http://127.0.0.2) is allowed', async () => {
		const { testing } = await extensionApi();
		assert.match(emulator ?? '', /^http:\/\/127\.0\.0\.2:\d+$/, 'the tests themselves use plain http on loopback');
		assert.equal(testing.config.baseUrl, emulator);
		await aipass().update('baseUrl', 'http://example.com', vscode.ConfigurationTarget.Global);
		const message = /AI Pass does not use the base URL http:\/\/example\.com: sign-in codes and tokens would travel unencrypted/;
		assert.throws(() => testing.config.baseUrl, message);
		await assert.rejects(testing.authProvider.createSession([]), message);
		await assert.rejects(testing.client.usageSummary(), message);
		await aipass().update('baseUrl', 'https://example.com', vscode.ConfigurationTarget.Global);
		assert.equal(testing.config.baseUrl, 'https://example.com');
	});
});
