import assert from 'node:assert/strict';
import {
	extensionOf, imageExtension, isImageCount, isImageSize, isLanguageCode, isSpeechFormat, isSpeechVoice, isTranscriptFormat,
	isVideoSeconds, TRANSCRIBABLE_AUDIO,
} from '../../../src/api/mediaFormats';

describe('media: formats and checks', () => {
	it('reads extensions case-insensitively from paths', () => {
		assert.equal(extensionOf('/a/b/Clip.M4A'), 'm4a');
		assert.equal(extensionOf('/a.b/noext'), '');
		assert.equal(extensionOf('/a/.hidden'), '');
		assert.equal(extensionOf('x.tar.gz'), 'gz');
	});

	it('accepts exactly the transcription formats of the service', () => {
		assert.deepEqual(Object.keys(TRANSCRIBABLE_AUDIO).sort(), ['m4a', 'mp3', 'mp4', 'mpeg', 'mpga', 'ogg', 'wav', 'webm']);
		assert.equal(TRANSCRIBABLE_AUDIO[extensionOf('/x/talk.flac')], undefined);
	});

	it('validates option values', () => {
		assert.ok(isSpeechVoice('nova'));
		assert.ok(!isSpeechVoice('robot'));
		assert.ok(isSpeechFormat('opus'));
		assert.ok(!isSpeechFormat('pcm'), 'pcm has no container: not offered');
		assert.ok(isTranscriptFormat('vtt'));
		assert.ok(!isTranscriptFormat('verbose_json'));
		assert.ok(isLanguageCode('de'));
		assert.ok(!isLanguageCode('deu'));
		assert.ok(!isLanguageCode('DE'));
		assert.ok(isImageSize('1024x1536') && isImageSize('auto'));
		assert.ok(!isImageSize('big') && !isImageSize(1024));
		assert.ok(isImageCount(1) && isImageCount(4));
		assert.ok(!isImageCount(0) && !isImageCount(5) && !isImageCount(1.5) && !isImageCount('2'));
		assert.ok(isVideoSeconds(4) && !isVideoSeconds(0) && !isVideoSeconds('4'));
	});

	it('names image files after their real format', () => {
		assert.equal(imageExtension('image/jpeg'), 'jpg');
		assert.equal(imageExtension('image/webp'), 'webp');
		assert.equal(imageExtension('image/png'), 'png');
	});
});
