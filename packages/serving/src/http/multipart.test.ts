import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HttpError } from './errors.js';
import { boundaryOf, imagePart, parseMultipart } from './multipart.js';

const enc = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
const text = (b: Uint8Array) => Buffer.from(b).toString('latin1');

function rejects(body: string, boundary = 'b0') {
  assert.throws(() => parseMultipart(enc(body), boundary), (e: unknown) => e instanceof HttpError && e.code === 'INVALID_MULTIPART');
}

describe('multipart/form-data parser', () => {
  it('splits parts after a preamble, keeping names, filenames and types', () => {
    const body = 'preamble\r\n--b0\r\nContent-Disposition: form-data; name="a"\r\n\r\none\r\n' +
      '--b0\r\nContent-Disposition: form-data; name="image"; filename="x \\"y\\".png"\r\nContent-Type: Image/PNG\r\n\r\ntwo\r\n--b0--\r\nepilogue';
    const parts = parseMultipart(enc(body), 'b0');
    assert.deepEqual(parts.map((p) => [p.name, p.filename, p.contentType, text(p.data)]), [
      ['a', undefined, undefined, 'one'],
      ['image', 'x "y".png', 'image/png', 'two'],
    ]);
  });

  it('keeps binary content with CRLF and dashes intact', () => {
    const payload = '\r\n--b\r\n\x00\xff--b0x';
    const parts = parseMultipart(enc(`--b0\r\nContent-Disposition: form-data; name="f"\r\n\r\n${payload}\r\n--b0--`), 'b0');
    assert.equal(text(parts[0].data), payload);
  });

  it('accepts a part without headers and transport padding after the boundary', () => {
    const parts = parseMultipart(enc('--b0  \r\n\r\nbare\r\n--b0--'), 'b0');
    assert.equal(text(parts[0].data), 'bare');
    assert.equal(parts[0].name, undefined);
  });

  it('rejects a missing close delimiter, a bad header line, garbage after a boundary and no boundary at all', () => {
    rejects('--b0\r\nContent-Disposition: form-data; name="a"\r\n\r\nunterminated');
    rejects('--b0\r\nNoColonHere\r\n\r\nx\r\n--b0--');
    rejects('--b0junk\r\n\r\nx\r\n--b0--');
    rejects('just text');
    rejects('--b0\r\nContent-Disposition: attachment; name="a"\r\n\r\nx\r\n--b0--');
  });

  it('reads quoted and bare boundary parameters, and refuses a missing one', () => {
    assert.equal(boundaryOf('multipart/form-data; boundary="a b"'), 'a b');
    assert.equal(boundaryOf('multipart/form-data; charset=utf-8; boundary=----x1'), '----x1');
    assert.throws(() => boundaryOf('multipart/form-data'), HttpError);
  });

  it('picks the image part by name first, else the first file part', () => {
    const d = new Uint8Array(0);
    assert.equal(imagePart([{ name: 'file', data: d }, { name: 'image', data: d }])?.name, 'image');
    assert.equal(imagePart([{ name: 'x', data: d }, { name: 'y', filename: 'a.png', data: d }])?.name, 'y');
    assert.equal(imagePart([{ name: 'x', data: d }]), undefined);
  });
});
