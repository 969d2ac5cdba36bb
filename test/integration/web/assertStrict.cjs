// `node:assert/strict` in the web worker extension host's test bundle: the `assert` package is
// Node's assert for browsers (test/host/buildForTests.ts maps the import here).
'use strict';
module.exports = require('assert').strict;
