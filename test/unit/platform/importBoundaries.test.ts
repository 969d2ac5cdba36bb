import assert from 'node:assert/strict';
import path from 'node:path';
import { ESLint } from 'eslint';

/** The import boundaries between the folders of src/ (no-restricted-imports, generated in eslint.config.mjs). */
const root = path.resolve(__dirname, '../../..');
const eslint = new ESLint({ cwd: root });

async function boundaryProblems(file: string, code: string): Promise<string[]> {
	const [result] = await eslint.lintText(`${code}\nexport const used = 1;\n`, { filePath: path.join(root, file) });
	const fatal = result.messages.filter(m => m.fatal);
	assert.deepEqual(fatal, [], 'the sample parses');
	return result.messages.filter(m => m.ruleId === 'no-restricted-imports').map(m => m.message);
}

describe('lint: import boundaries between src/ folders', function () {
	this.timeout(60_000);

	const refused: readonly [string, string][] = [
		['src/chat/lintSample.ts', `import { formatCharge } from '../cost/spendGuard';`],
		['src/chat/lintSample.ts', `import type { ApplyTarget } from '../apply/applyTarget';`],
		['src/chat/lintSample.ts', `export { resolveApplyTarget } from '../apply/applyTarget';`],
		['src/lm/lintSample.ts', `import type { BudgetFigures } from '../budget/budgetModel';`],
		['src/cost/lintSample.ts', `import { chatHtml } from '../chat/webviewHtml';`],
		['src/media/lintSample.ts', `import { activate } from '../extension';`],
		['src/media/lintSample.ts', `import { Services } from '../services';`],
		['src/chat/lintSample.ts', `import { SpendGuard } from '../chat/../cost/spendGuard';`],
		['src/chat/lintSample.ts', `import { SpendGuard } from './../cost/spendGuard';`],
		['src/chat/lintSample.ts', `import { x } from '../../test/unit/api/helpers';`],
		['src/vision/codec/lintSample.ts', `import { imageExtension } from '../../media/imageFiles';`],
		['src/platform/lintSample.ts', `import { isSpeechVoice } from '../media/readAloud';`],
		['src/platform/lintSample.ts', `import { activate } from '../extension';`],
		['src/api/lintSample.ts', `import type { Logger } from '../platform/log';`],
		['src/api/lintSample.ts', `import type { ChatState } from '../shared/chatProtocol';`],
		['src/api/lintSample.ts', `import * as vscode from 'vscode';`],
		['src/shared/lintSample.ts', `import type { ChatMessage } from '../api/types';`],
		['src/webview/chat/lintSample.ts', `import { chatHtml } from '../../chat/webviewHtml';`],
		['src/webview/chat/markdown/lintSample.ts', `import { formatCharge } from '../../../platform/costFormat';`],
		['src/webview/usage/lintSample.ts', `import * as vscode from 'vscode';`],
	];
	for (const [file, code] of refused) {
		it(`refuses in ${file}: ${code}`, async () => {
			assert.equal((await boundaryProblems(file, code)).length, 1);
		});
	}

	it('says what a feature may import instead', async () => {
		const [message] = await boundaryProblems('src/chat/lintSample.ts', `import { SpendGuard } from '../cost/spendGuard';`);
		assert.match(message ?? '', /src\/chat imports only from itself, src\/api, src\/platform and src\/shared/);
	});

	const allowed: readonly [string, string][] = [
		['src/chat/lintSample.ts', `import { newId } from './conversation';\nimport type { ChatMessage } from '../api/types';\nimport type { Logger } from '../platform/log';\nimport type { ChatState } from '../shared/chatProtocol';\nimport type { SpendCheck } from '../platform/spendingPorts';\nimport * as vscode from 'vscode';\nimport MarkdownIt from 'markdown-it';`],
		['src/chat/lintSample.ts', `import { chatHtml } from '../chat/webviewHtml';`],
		['src/vision/codec/lintSample.ts', `import { loadOnce } from '../loadOnce';\nimport { toBase64 } from '../../api/bytes';\nimport type { Logger } from '../../platform/log';`],
		['src/platform/lintSample.ts', `import { isAiPassError } from '../api/errors';\nimport type { UsageReportView } from '../shared/usageProtocol';\nimport type { Logger } from './log';\nimport * as vscode from 'vscode';`],
		['src/api/lintSample.ts', `import type { ChatMessage } from './types';\nimport { createParser } from 'eventsource-parser';`],
		['src/webview/chat/markdown/lintSample.ts', `import type { HostMessage } from '../../../shared/chatProtocol';\nimport { ready } from '../../usage/main';\nimport { wrap } from '../codeWrap';`],
		['src/extensionSample.ts', `import { registerChat } from './chat/registerChat';\nimport { registerCost } from './cost/registerCost';\nimport { resolveApplyTarget } from './apply/applyTarget';`],
	];
	for (const [file, code] of allowed) {
		it(`allows in ${file}: ${code.split('\n').map(line => /'([^']+)'/.exec(line)?.[1]).join(', ')}`, async () => {
			assert.deepEqual(await boundaryProblems(file, code), []);
		});
	}
});
