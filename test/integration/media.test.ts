// The media commands' suites (one per command), loaded by suites.ts through this one line.
import './mediaImage.test';
import './mediaAudio.test';
import './mediaEmbeddings.test';
import './mediaVideo.test';
