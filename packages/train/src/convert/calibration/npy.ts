/**
 * A reader for NumPy's .npy files (format versions 1, 2 and 3): the magic "\x93NUMPY", a version, a header
 * length (2 bytes in v1, 4 in v2/v3), then a Python dict literal {'descr', 'fortran_order', 'shape'} padded
 * with spaces, then the raw array. Numeric dtypes of either byte order are read; Fortran order is refused
 * rather than silently transposed.
 */
import { ConversionError } from '../read_layers.js';

export interface NpyArray {
  readonly shape: number[];
  /** The NumPy dtype string, e.g. '<f4'. */
  readonly descr: string;
  /** Every element in C order, as numbers. */
  readonly data: Float64Array;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

type Reader = (view: DataView, offset: number, little: boolean) => number;

/** Element readers by kind and size ('f4' …); bool is read as 0/1. */
const READERS: Record<string, { size: number; read: Reader }> = {
  f2: { size: 2, read: (v, o, le) => halfToNumber(v.getUint16(o, le)) },
  f4: { size: 4, read: (v, o, le) => v.getFloat32(o, le) },
  f8: { size: 8, read: (v, o, le) => v.getFloat64(o, le) },
  i1: { size: 1, read: (v, o) => v.getInt8(o) },
  u1: { size: 1, read: (v, o) => v.getUint8(o) },
  b1: { size: 1, read: (v, o) => (v.getUint8(o) ? 1 : 0) },
  i2: { size: 2, read: (v, o, le) => v.getInt16(o, le) },
  u2: { size: 2, read: (v, o, le) => v.getUint16(o, le) },
  i4: { size: 4, read: (v, o, le) => v.getInt32(o, le) },
  u4: { size: 4, read: (v, o, le) => v.getUint32(o, le) },
  i8: { size: 8, read: (v, o, le) => Number(v.getBigInt64(o, le)) },
  u8: { size: 8, read: (v, o, le) => Number(v.getBigUint64(o, le)) },
};

function halfToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const e = (bits >> 10) & 0x1f;
  const m = bits & 0x3ff;
  if (e === 0) return sign * m * 2 ** -24;
  if (e === 31) return m ? NaN : sign * Infinity;
  return sign * (1 + m / 1024) * 2 ** (e - 15);
}

export function readNpy(bytes: Uint8Array, label: string): NpyArray {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) throw new ConversionError(`${label}: not a .npy file (no \\x93NUMPY magic)`);
  const major = bytes[6];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (major !== 1 && major !== 2 && major !== 3) throw new ConversionError(`${label}: .npy format version ${major} is not supported (1, 2 or 3)`);
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const headerStart = major === 1 ? 10 : 12;
  const dataStart = headerStart + headerLength;
  if (dataStart > bytes.length) throw new ConversionError(`${label}: .npy header runs past the end of the file`);
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(headerStart, dataStart));
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) throw new ConversionError(`${label}: .npy header is not a {'descr', 'fortran_order', 'shape'} dict: ${header.trim()}`);
  if (fortran === 'True') throw new ConversionError(`${label}: .npy array is in Fortran order; save it in C order (np.ascontiguousarray) first`);
  const shape = shapeText.split(',').map((s) => s.trim()).filter((s) => s !== '').map(Number);
  if (shape.some((d) => !Number.isInteger(d) || d < 0)) throw new ConversionError(`${label}: .npy shape (${shapeText}) is not a tuple of sizes`);
  const order = descr[0];
  const kind = descr.slice(1);
  const reader = READERS[kind];
  if (!reader || !'<>|='.includes(order)) throw new ConversionError(`${label}: .npy dtype '${descr}' is not supported (numeric dtypes such as '<f4', '<f8', '<i4', '|u1')`);
  const count = shape.reduce((n, d) => n * d, 1);
  if (dataStart + count * reader.size > bytes.length) {
    throw new ConversionError(`${label}: .npy data is ${bytes.length - dataStart} bytes; shape (${shape.join(', ')}) of '${descr}' needs ${count * reader.size}`);
  }
  const little = order !== '>';
  const data = new Float64Array(count);
  for (let i = 0; i < count; i++) data[i] = reader.read(view, dataStart + i * reader.size, little);
  return { shape, descr, data };
}
