import { TfliteError } from '../core/errors.js';

/** Where a model comes from: its bytes, or a file path (Node only). */
export type ModelSource = Uint8Array | ArrayBuffer | string;

export async function readModelSource(source: ModelSource): Promise<Uint8Array> {
  if (typeof source !== 'string') return modelBytesOf(source);
  const { readFile } = await import('node:fs/promises');
  try {
    return await readFile(source);
  } catch (err) {
    throw new TfliteError('IO', `cannot read model file '${source}': ${(err as Error).message}`, { cause: err });
  }
}

export function modelBytesOf(source: Uint8Array | ArrayBuffer): Uint8Array {
  if (source instanceof Uint8Array) return source;
  if (source instanceof ArrayBuffer) return new Uint8Array(source);
  throw new TfliteError('IO', 'model source must be a Uint8Array, an ArrayBuffer or a file path');
}

/**
 * Constant tensors become typed-array views into the model bytes, which needs the bytes to start on an
 * aligned address. Node's Buffers often do not (pooled slices), so such bytes are copied once here.
 */
export function alignModelBytes(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset % 16 === 0 ? bytes : bytes.slice();
}
