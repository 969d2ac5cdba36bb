// `node:path` in the web worker test bundle, posix only and just what the shared suites and fixtures
// call at load (that host has no file system paths; tests use vscode.Uri for real files).
'use strict';

function normalize(parts) {
	const out = [];
	for (const part of parts.join('/').split('/')) {
		if (part === '..') {
			out.pop();
		} else if (part !== '' && part !== '.') {
			out.push(part);
		}
	}
	return `/${out.join('/')}`;
}

const join = (...parts) => normalize(parts);
const resolve = (...parts) => {
	const last = parts.map(p => p.startsWith('/')).lastIndexOf(true);
	return normalize(last < 0 ? ['/', ...parts] : parts.slice(last));
};
const basename = p => p.split('/').filter(Boolean).pop() || '';
const dirname = p => normalize([p, '..']);

module.exports = { join, resolve, basename, dirname, sep: '/' };
module.exports.posix = module.exports;
