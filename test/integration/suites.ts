// Every integration suite, bundled into one file that both runners load.
import './setup';
import './host.test';
import './activation.test';
import './auth.test';
import './secrets.test';
import './sessionSync.test';
import './registerClient.test';
import './lm.test';
import './budget.test';
import './chat.test';
import './media.test';
import './analyzeImage.test';
import './analyzeWebp.test';
