// The integration suites that make sense in the browser's web worker extension host (package.json#browser):
// sign-in through the real callback, chat streaming, budget, analyze image and vscode.lm (whose callers
// must run in the provider's host). Node-only suites (secrets on disk, session sync, media with node:fs
// fixtures) stay in the Node pass (../suites.ts).
import '../setup';
import '../host.test';
import '../activation.test';
import '../auth.test';
import '../lm.test';
import '../budget.test';
import '../chat.test';
import '../analyzeImage.test';
import '../analyzeWebp.test';
import '../apply.test';
import '../atContext.test';
