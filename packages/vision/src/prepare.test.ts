import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fromBase64, loadPillowCases, readFixtureImage } from '@tflite-lambda/testing/images';
import { toGray, toRgb } from './convert.js';
import { decodeImage } from './decode.js';
import { prepareImage } from './prepare.js';
import { BicubicResizer, resizeBicubic } from './resize.js';
import type { Image8 } from './types.js';

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
        const pixels = ({ width, height, channels: ch, data }: Image8): Image8 => ({ width, height, channels: ch, data });
        assert.deepEqual(pixels(prepareImage(bytes, size)), whole, `${c.name} from bytes`);
        assert.deepEqual(pixels(prepareImage(new Uint8Array(bytes).buffer, size)), whole, `${c.name} from an ArrayBuffer`);
        assert.deepEqual(pixels(prepareImage(decoded, size)), whole, `${c.name} from pixels`);
      }
    }
  });
});

describe('prepareImage with a region', () => {
  test("resizes only the region, as Pillow's crop(box).resize(size), and says what it showed", () => {
    const c = loadPillowCases().find((x) => x.name === 'rgb8') ?? assert.fail('rgb8');
    const box = { x: 5, y: 3, width: 20, height: 17 };
    const rgb = toRgb(decodeImage(readFixtureImage(c)));
    const crop = new Uint8Array(box.width * box.height * 3);
    for (let y = 0; y < box.height; y++) {
      const from = ((box.y + y) * rgb.width + box.x) * 3;
      crop.set(rgb.data.subarray(from, from + box.width * 3), y * box.width * 3);
    }
    const expected = resizeBicubic({ width: box.width, height: box.height, channels: 3, data: crop }, 9, 8);
    const prepared = prepareImage(readFixtureImage(c), { width: 9, height: 8, channels: 3, region: () => box });
    assert.deepEqual(prepared.data, expected.data);
    assert.deepEqual([prepared.source, prepared.region], [{ width: c.width, height: c.height }, box]);
  });
  test('a region outside the image is a programming error', () => {
    const c = loadPillowCases().find((x) => x.name === 'gray8') ?? assert.fail('gray8');
    const outside = { width: 4, height: 4, channels: 1 as const, region: () => ({ x: c.width - 2, y: 0, width: 3, height: 2 }) };
    assert.throws(() => prepareImage(readFixtureImage(c), outside), RangeError);
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
