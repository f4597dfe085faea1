import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeBase64Strict, stripDataUrl } from './base64.js';
import { HttpError } from './errors.js';

const bytes = new Uint8Array([0xfb, 0xff, 0x00, 0x10, 0x3e]);

describe('strict base64', () => {
  it('decodes padded, unpadded, line-wrapped and URL-safe forms to the same bytes', () => {
    for (const s of ['+/8AED4=', '+/8AED4', '+/8A\r\nED4=', '-_8AED4']) assert.deepEqual(decodeBase64Strict(s), bytes);
  });

  it('rejects characters outside the alphabet, misplaced padding and impossible lengths', () => {
    for (const s of ['not base64!', '+/8A=ED4', 'A', '+/8AED4===', '+/8A_D4=']) {
      assert.throws(() => decodeBase64Strict(s), (e: unknown) => e instanceof HttpError && e.code === 'INVALID_BASE64', s);
    }
  });

  it('strips a data: URL prefix and leaves plain base64 alone', () => {
    assert.equal(stripDataUrl('data:image/png;base64,AAAA'), 'AAAA');
    assert.equal(stripDataUrl('AAAA'), 'AAAA');
  });
});
