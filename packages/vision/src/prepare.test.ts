import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fromBase64, loadPillowCases, readFixtureImage } from '@tflite-lambda/testing/images';
import { toGray, toRgb } from './convert.js';
import { decodeImage } from './decode.js';
import { prepareImage } from './prepare.js';
import { BicubicResizer, resizeBicubic } from './resize.js';

describe('prepareImage: decode, convert and resize in one streaming pass', () => {
  const cases = loadPillowCases();
  test("gives, for every fixture and size, Pillow's convert(mode).resize(size) exactly", () => {
    for (const c of cases) {
      for (const r of c.resized) {
        const channels = r.mode === 'L' ? 1 : 3;
        const prepared = prepareImage(readFixtureImage(c), { width: r.width, height: r.height, channels });
        assert.deepEqual(prepared.data, fromBase64(r.data), `${c.name} ${r.mode} ${r.width}x${r.height}`);
      }
    }
  });
  test('equals decoding whole, converting and resizing whole, for PNG and JPEG, from bytes, ArrayBuffer or pixels', () => {
    for (const c of cases) {
      const bytes = readFixtureImage(c);
      const decoded = decodeImage(bytes);
      for (const channels of [1, 3] as const) {
        const whole = resizeBicubic(channels === 1 ? toGray(decoded) : toRgb(decoded), 19, 23);
        const size = { width: 19, height: 23, channels };
        assert.deepEqual(prepareImage(bytes, size), whole, `${c.name} from bytes`);
        assert.deepEqual(prepareImage(new Uint8Array(bytes).buffer, size), whole, `${c.name} from an ArrayBuffer`);
        assert.deepEqual(prepareImage(decoded, size), whole, `${c.name} from pixels`);
      }
    }
  });
});

describe('BicubicResizer', () => {
  test('refuses more or fewer rows than the source has', () => {
    const resizer = new BicubicResizer(2, 1, 1, 3, 3);
    resizer.pushRow(new Uint8Array([1, 2]));
    assert.throws(() => resizer.pushRow(new Uint8Array([1, 2])), RangeError);
    assert.throws(() => new BicubicResizer(2, 2, 1, 3, 3).finish(), RangeError);
  });
});
