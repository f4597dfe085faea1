/**
 * LSH_PROJECTION: locality-sensitive hashing of the input's rows. For hash function i and bit j, each input
 * row k (its raw bytes) is fingerprinted with the float32 seed hash[i][j] in front (FarmHash Fingerprint64);
 * the bit is the sign of Σ_k weight[k]·fingerprint (as a signed 64-bit integer, summed in double; weights
 * default to 1). SPARSE gives one int32 per hash function (its bits, plus i·2^bits); DENSE one int32 per
 * bit. The rows are the input's bytes cut into as many equal chunks as its first dimension — for a string
 * input, chunks of TFLite's serialized string buffer, exactly as TFLite hashes it.
 */
import { bytesPerElement } from '../../core/dtype.js';
import { BuiltinOp } from '../../core/ops.js';
import type { LshProjectionOptions } from '../../core/options.js';
import { formatShape } from '../../core/shape.js';
import { encodeStringBuffer, StringArray } from '../../core/string_data.js';
import { fingerprint64 } from '../common/farmhash.js';
import { expectDType, expectRank, optionalInput, requireInput, requireOutput, shapeError, unsupported } from '../common/node_checks.js';
import { requireOptions } from '../common/options.js';
import type { KernelRegistration, RuntimeTensor } from '../kernel.js';

interface Plan {
  readonly hashes: number;
  readonly bits: number;
  readonly rows: number;
  /** seed (4 bytes) + one row of input bytes. */
  readonly key: Uint8Array;
}

function inputBytes(t: RuntimeTensor): Uint8Array {
  if (t.data instanceof StringArray) return encodeStringBuffer(t.data.strings);
  return new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength);
}

function signBit(seed: number, bytes: Uint8Array, weights: Float32Array | null, p: Plan): number {
  new DataView(p.key.buffer).setFloat32(0, seed, true);
  const rowBytes = Math.floor(bytes.length / p.rows);
  const key = rowBytes + 4 === p.key.length ? p.key : new Uint8Array(rowBytes + 4);
  if (key !== p.key) key.set(p.key.subarray(0, 4));
  let score = 0;
  for (let k = 0; k < p.rows; k++) {
    key.set(bytes.subarray(k * rowBytes, (k + 1) * rowBytes), 4);
    const h = Number(BigInt.asIntN(64, fingerprint64(key)));
    score += weights ? weights[k]! * h : h;
  }
  return score > 0 ? 1 : 0;
}

export const LSH_PROJECTION_KERNEL: KernelRegistration<LshProjectionOptions, Plan> = {
  op: BuiltinOp.LSH_PROJECTION,
  name: 'LSH_PROJECTION (reference)',
  parseOptions: (raw) => requireOptions(raw, ['LSHProjectionOptions']),
  prepare(node) {
    const hash = requireInput(node, 0), input = requireInput(node, 1), weight = optionalInput(node, 2);
    const output = requireOutput(node, 0);
    expectDType(node, hash, ['float32'], 'hash');
    expectDType(node, output, ['int32'], 'output');
    expectRank(node, hash, 2, 'hash');
    const [hashes, bits] = hash.shape as [number, number];
    if (bits > 32) throw shapeError(node, `${bits} bits per hash; at most 32`);
    if (input.shape.length < 1 || input.shape[0]! < 1) throw shapeError(node, `input ${formatShape(input.shape)} needs at least one row`);
    if (weight) {
      expectDType(node, weight, ['float32'], 'weight');
      if (weight.shape.length !== 1 || weight.shape[0] !== input.shape[0]) throw shapeError(node, `weight ${formatShape(weight.shape)} must have one value per input row`);
    }
    const type = node.options.type;
    if (type === 'UNKNOWN') throw unsupported(node, 'projection type UNKNOWN');
    output.shape = [type === 'SPARSE' ? hashes : hashes * bits];
    const rows = input.shape[0]!;
    const rowBytes = input.dtype === 'string' ? 0 : (input.shape.slice(1).reduce((a, d) => a * d, 1) * bytesPerElement(input.dtype));
    return { hashes, bits, rows, key: new Uint8Array(4 + rowBytes) };
  },
  eval(node, p) {
    const seeds = node.inputs[0]!.data as Float32Array;
    const bytes = inputBytes(node.inputs[1]!);
    const weights = (node.inputs[2]?.data as Float32Array | undefined) ?? null;
    const out = node.outputs[0]!.data as Int32Array;
    const sparse = node.options.type === 'SPARSE';
    for (let i = 0; i < p.hashes; i++) {
      let signature = 0;
      for (let j = 0; j < p.bits; j++) {
        const bit = signBit(seeds[i * p.bits + j]!, bytes, weights, p);
        if (sparse) signature = (signature << 1) | bit;
        else out[i * p.bits + j] = bit;
      }
      if (sparse) out[i] = signature + i * 2 ** p.bits;
    }
  },
};
