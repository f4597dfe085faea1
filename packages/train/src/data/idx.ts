/**
 * Reader for the IDX format of the original MNIST files: a big-endian header (two zero bytes, a type code,
 * the number of dimensions), one big-endian uint32 per dimension, then the row-major data.
 */
export interface IdxArray {
  readonly shape: number[];
  readonly data: Uint8Array;
}

/** IDX type code 0x08 is unsigned byte — the only element type MNIST uses. */
const IDX_UBYTE = 0x08;

export class IdxFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IdxFormatError';
  }
}

export function readIdx(bytes: Uint8Array): IdxArray {
  if (bytes.length < 4) throw new IdxFormatError(`idx: file of ${bytes.length} bytes is shorter than its header`);
  if (bytes[0] !== 0 || bytes[1] !== 0) throw new IdxFormatError('idx: magic number must start with two zero bytes');
  if (bytes[2] !== IDX_UBYTE) {
    throw new IdxFormatError(`idx: element type 0x${bytes[2].toString(16)} is not supported (expected 0x08, ubyte)`);
  }
  const rank = bytes[3];
  const headerBytes = 4 + 4 * rank;
  if (bytes.length < headerBytes) throw new IdxFormatError(`idx: header declares ${rank} dimensions but is truncated`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shape: number[] = [];
  for (let d = 0; d < rank; d++) shape.push(view.getUint32(4 + 4 * d, false));
  const count = shape.reduce((a, b) => a * b, 1);
  if (bytes.length - headerBytes < count) {
    throw new IdxFormatError(`idx: shape [${shape.join(',')}] needs ${count} bytes, file has ${bytes.length - headerBytes}`);
  }
  return { shape, data: bytes.subarray(headerBytes, headerBytes + count) };
}
