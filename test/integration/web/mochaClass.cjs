// `mocha` in the web worker test bundle: Mocha's own browser build (self-contained, no Node built-ins),
// whose UMD wrapper also leaves the Mocha class on the global; this module exports that class, as
// `require('mocha')` does in Node (test/host/buildForTests.ts maps the import here).
'use strict';
require('mocha/mocha.js');
module.exports = globalThis.Mocha;
