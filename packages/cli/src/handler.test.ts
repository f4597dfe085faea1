import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseInvert, settingsFromEnv } from './handler.js';

describe('built-in handler settings', () => {
  it('takes from the environment only what it sets', () => {
    assert.deepEqual(settingsFromEnv({}), {});
    assert.deepEqual(settingsFromEnv({ MODEL_PATH: '', INVERT: '' }), {});
    assert.deepEqual(
      settingsFromEnv({ MODEL_PATH: 'm.tflite', LABELS_PATH: 'l.txt', INVERT: 'auto', MAX_BODY_BYTES: '100', MAX_PIXELS: '9', POWERTOOLS_SERVICE_NAME: 's' }),
      { model: 'm.tflite', labels: 'l.txt', invert: 'auto', maxBodyBytes: 100, maxPixels: 9, serviceName: 's' },
    );
  });

  it('refuses malformed environment values at init, naming the variable', () => {
    assert.throws(() => settingsFromEnv({ INVERT: 'yes' }), /INVERT must be auto, true or false, got 'yes'/);
    assert.throws(() => settingsFromEnv({ MAX_PIXELS: '-3' }), /MAX_PIXELS must be a positive integer, got '-3'/);
  });

  it('reads invert as auto, true or false only', () => {
    assert.deepEqual(['auto', 'true', 'false', 'TRUE', '1'].map(parseInvert), ['auto', true, false, null, null]);
  });
});
