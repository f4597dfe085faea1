/** Writes .npy bytes (format v1/v2) for the calibration reader's tests: C or Fortran order, any numeric dtype. */
import { numberToFloat16Bits } from '@tflite-lambda/runtime/internal';

export interface NpyWriteOptions {
  readonly version?: 1 | 2;
  readonly fortranOrder?: boolean;
}

const SIZES: Record<string, number> = { f2: 2, f4: 4, f8: 8, i1: 1, u1: 1, i2: 2, u2: 2, i4: 4, u4: 4, i8: 8, u8: 8, b1: 1 };

export function npyBytes(descr: string, shape: readonly number[], values: ArrayLike<number>, opts: NpyWriteOptions = {}): Uint8Array {
  const version = opts.version ?? 1;
  const dims = shape.length === 1 ? `${shape[0]},` : shape.join(', ');
  let header = `{'descr': '${descr}', 'fortran_order': ${opts.fortranOrder ? 'True' : 'False'}, 'shape': (${dims}), }`;
  const prefix = version === 1 ? 10 : 12;
  // The header (with its newline) pads to a multiple of 64 bytes, as numpy writes it.
  const pad = (64 - ((prefix + header.length + 1) % 64)) % 64;
  header += `${' '.repeat(pad)}\n`;
  const size = SIZES[descr.slice(1)];
  if (size === undefined) throw new Error(`npyBytes: dtype ${descr} not supported`);
  const out = new Uint8Array(prefix + header.length + values.length * size);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  const view = new DataView(out.buffer);
  if (version === 1) view.setUint16(8, header.length, true);
  else view.setUint32(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[prefix + i] = header.charCodeAt(i);
  const le = descr[0] !== '>';
  const kind = descr.slice(1);
  let o = prefix + header.length;
  for (let i = 0; i < values.length; i++, o += size) {
    const v = values[i];
    if (kind === 'f4') view.setFloat32(o, v, le);
    else if (kind === 'f8') view.setFloat64(o, v, le);
    else if (kind === 'f2') view.setUint16(o, numberToFloat16Bits(v), le);
    else if (kind === 'i1') view.setInt8(o, v);
    else if (kind === 'u1' || kind === 'b1') view.setUint8(o, v);
    else if (kind === 'i2') view.setInt16(o, v, le);
    else if (kind === 'u2') view.setUint16(o, v, le);
    else if (kind === 'i4') view.setInt32(o, v, le);
    else if (kind === 'u4') view.setUint32(o, v, le);
    else if (kind === 'i8') view.setBigInt64(o, BigInt(v), le);
    else throw new Error(`npyBytes: writing ${descr} not supported`);
  }
  return out;
}
