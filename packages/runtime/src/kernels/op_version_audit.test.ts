/**
 * The op × version × dtype audit: every row of TFLite's builtin registrations for the ops this runtime
 * implements (TFLITE_OP_VERSIONS in @tflite-lambda/testing: the types each version adds, from TFLite's
 * op_version.cc and register.cc) must find a kernel in the builtin resolver; the rows this runtime does not
 * run (NOT_RUN) name a tensor type it has no name for. The kernels the audit added are checked bit for bit
 * against LiteRT.js by the testing package's audit-gaps differential family.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NOT_RUN, TFLITE_OP_VERSIONS, type AuditRow } from '@tflite-lambda/testing';
import { allocTyped, type DType } from '../core/dtype.js';
import type { QuantizationParams } from '../core/model.js';
import { BuiltinOp } from '../core/ops.js';
import { builtinOpResolver } from './builtin.js';
import type { RuntimeTensor } from './kernel.js';

const PLAIN: Record<string, DType> = {
  f32: 'float32', f16: 'float16', i32: 'int32', i64: 'int64', b: 'bool', c64: 'complex64', u32: 'uint32', str: 'string',
  res: 'resource',
};
// An INT4 tensor is read as int8 (constants unpacked at load), so its kernels are the int8 ones.
const QUANTIZED: Record<string, { dtype: DType; zeroPoint: number }> = {
  u8: { dtype: 'uint8', zeroPoint: 128 }, i8: { dtype: 'int8', zeroPoint: -3 }, i16: { dtype: 'int16', zeroPoint: 0 },
  i4: { dtype: 'int8', zeroPoint: 0 },
};

/** A tensor from its audit code (see tflite_op_versions.ts), or null for a type the runtime has no name for. */
function tensor(code: string, index: number, op: string): RuntimeTensor | null {
  const isConstant = code.endsWith('!');
  const base = isConstant ? code.slice(0, -1) : code;
  const shape = [4, 4, 4, 4];
  let dtype: DType;
  let quantization: QuantizationParams | null = null;
  if (base in PLAIN) dtype = PLAIN[base]!;
  else if (base in QUANTIZED) {
    const q = QUANTIZED[base]!;
    dtype = q.dtype;
    quantization = { scale: [0.05], zeroPoint: [isConstant && dtype === 'int8' ? 0 : q.zeroPoint], quantizedDimension: 0 };
  } else if (base === 'i8c' || base === 'i4c') {
    dtype = 'int8';
    const axis = op === 'DEPTHWISE_CONV_2D' ? 3 : 0;
    quantization = { scale: [0.1, 0.2, 0.3, 0.4], zeroPoint: [0, 0, 0, 0], quantizedDimension: axis };
  } else return null;
  return { index, name: `t${index}`, dtype, shape, data: allocTyped(dtype, 0), quantization, isConstant };
}

function resolves(row: AuditRow): boolean {
  const inputs = row.inputs.map((c, i) => tensor(c, i, row.op));
  const outputs = row.outputs.map((c, i) => tensor(c, 100 + i, row.op));
  if (inputs.includes(null) || outputs.includes(null)) return false;
  const opcode = BuiltinOp[row.op as keyof typeof BuiltinOp];
  return !!builtinOpResolver().resolve({
    opcode, index: 0, opName: row.op, version: row.version, inputs, outputs: outputs as RuntimeTensor[], options: row.options ?? null,
  });
}

const describeRow = (r: AuditRow): string => `${r.op} v${r.version} (${r.inputs.join(', ')} → ${r.outputs.join(', ')}): ${r.what}`;

test('every op version and type TFLite registers for our ops finds a kernel', () => {
  const missing = TFLITE_OP_VERSIONS.filter((r) => !resolves(r)).map(describeRow);
  assert.deepEqual(missing, []);
});

test('every row listed as not run names a tensor type the runtime lacks (the list of gaps is true)', () => {
  const named = NOT_RUN.filter((r) => [...r.inputs, ...r.outputs].every((c, i) => tensor(c, i, r.op) !== null)).map(describeRow);
  assert.deepEqual(named, []);
});
