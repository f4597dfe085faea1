/**
 * Sparse and INT4 constants: DENSIFY of float32, float16 and int8 weights in CSR, block-sparse and
 * column-major layouts with each index vector type (feeding ADD, or DEQUANTIZE then ADD, as MediaPipe's
 * sparse models do), INT4 weights read by DEQUANTIZE, and dynamic-range FULLY_CONNECTED over INT4 weights
 * (TFLite's builtin hybrid kernel: symmetric or asymmetric input quantization as the option says) and
 * CONV_2D (XNNPACK's dynamic quantization, as for int8 weights).
 */
import { BuiltinOp, type DType, type TypedArray } from '@tflite-lambda/runtime/internal';
import { CaseBuilder, perTensor, type DiffCase, type DiffFamily } from '../case_builder.js';
import { arithmeticOptions } from '../options.js';
import { halfBits, normalFloats, perChannelQuant } from '../random_data.js';
import { Rng } from '../rng.js';
import { encodeSparse, type SparseLayout } from './sparse_encode.js';

type SparseDType = 'float32' | 'float16' | 'int8';

/** Random dense values of `dtype` with about `zeros` of them zero. */
function sparseDense(rng: Rng, dtype: SparseDType, n: number, zeros: number): number[] {
  const half = halfBits(rng, n);
  return Array.from({ length: n }, (_, i) => {
    if (rng.next() < zeros) return 0;
    if (dtype === 'float16') return half[i]!;
    return dtype === 'int8' ? rng.int(-127, 127) || 1 : Math.fround(rng.normal());
  });
}

function typed(dtype: SparseDType, values: number[]): TypedArray {
  return dtype === 'float32' ? Float32Array.from(values) : dtype === 'float16' ? Uint16Array.from(values) : Int8Array.from(values);
}

function densify(rng: Rng, dtype: SparseDType, shape: number[], layout: SparseLayout, what: string): DiffCase {
  const b = new CaseBuilder();
  const count = shape.reduce((a, d) => a * d, 1);
  const { values, sparsity } = encodeSparse(sparseDense(rng, dtype, count, 0.6), shape, layout);
  const quantization = dtype === 'int8' ? perTensor(0.05, 0) : undefined;
  const w = b.constantTensor({ dtype, shape, data: typed(dtype, values), sparsity, ...(quantization ? { quantization } : {}) });
  const dense = b.intermediate({ dtype, shape, ...(quantization ? { quantization } : {}) });
  b.op(BuiltinOp.DENSIFY, [w], [dense]);
  let floats = dense;
  if (dtype !== 'float32') {
    floats = b.intermediate({ dtype: 'float32', shape });
    b.op(BuiltinOp.DEQUANTIZE, [dense], [floats]);
  }
  const x = b.input({ dtype: 'float32', shape }, normalFloats(rng, shape));
  const out = b.output({ dtype: 'float32', shape });
  b.op(BuiltinOp.ADD, [x, floats], [out], arithmeticOptions('AddOptions'));
  return b.build(`DENSIFY ${dtype} [${shape}] ${what} (${layout.indexType} indices, ${values.length} stored)`);
}

function int4Dequantize(rng: Rng, shape: number[], perChannel: boolean): DiffCase {
  const b = new CaseBuilder();
  const count = shape.reduce((a, d) => a * d, 1);
  const q = perChannel ? perChannelQuant(rng, shape[0]!, 0) : perTensor(0.125, 0);
  const w = b.constantTensor({ dtype: 'int8', shape, int4: true, data: Int8Array.from({ length: count }, () => rng.int(-8, 7)), quantization: q });
  const floats = b.intermediate({ dtype: 'float32', shape });
  b.op(BuiltinOp.DEQUANTIZE, [w], [floats], null, perChannel ? 4 : 1);
  const x = b.input({ dtype: 'float32', shape }, normalFloats(rng, shape));
  const out = b.output({ dtype: 'float32', shape });
  b.op(BuiltinOp.ADD, [x, floats], [out], arithmeticOptions('AddOptions'));
  return b.build(`DEQUANTIZE int4 [${shape}] ${perChannel ? 'per-channel' : 'per-tensor'} (odd count: ${count % 2 === 1})`);
}

/** A dynamic-range FULLY_CONNECTED: float32 input, INT4 weights quantized per output channel, and a bias. */
function int4FullyConnected(rng: Rng, batch: number, inputs: number, units: number, asymmetric: boolean): DiffCase {
  const b = new CaseBuilder();
  const w = b.constantTensor({
    dtype: 'int8', shape: [units, inputs], int4: true, quantization: perChannelQuant(rng, units, 0),
    data: Int8Array.from({ length: units * inputs }, () => rng.int(-8, 7)),
  });
  const x = b.input({ dtype: 'float32', shape: [batch, inputs] }, normalFloats(rng, [batch, inputs]));
  const bias = b.constant({ dtype: 'float32', shape: [units] }, normalFloats(rng, [units]));
  const out = b.output({ dtype: 'float32', shape: [batch, units] });
  b.op(BuiltinOp.FULLY_CONNECTED, [x, w, bias], [out], {
    kind: 'FullyConnectedOptions', fusedActivation: 'NONE', weightsFormat: 'DEFAULT', keepNumDims: false, asymmetricQuantizeInputs: asymmetric,
  }, 10);
  return b.build(`FULLY_CONNECTED float32 × int4 weights [${units}, ${inputs}] batch ${batch}, ${asymmetric ? 'asymmetric' : 'symmetric'} input quantization`);
}

/** A dynamic-range CONV_2D (SAME, 3×3) over INT4 weights quantized per output channel. */
function int4Conv(rng: Rng): DiffCase {
  const b = new CaseBuilder();
  const w = b.constantTensor({
    dtype: 'int8', shape: [4, 3, 3, 2], int4: true, quantization: perChannelQuant(rng, 4, 0),
    data: Int8Array.from({ length: 72 }, () => rng.int(-8, 7)),
  });
  const x = b.input({ dtype: 'float32', shape: [1, 5, 5, 2] }, normalFloats(rng, [1, 5, 5, 2]));
  const bias = b.constant({ dtype: 'float32', shape: [4] }, normalFloats(rng, [4]));
  const out = b.output({ dtype: 'float32', shape: [1, 5, 5, 4] });
  b.op(BuiltinOp.CONV_2D, [x, w, bias], [out], {
    kind: 'Conv2DOptions', padding: 'SAME', strideW: 1, strideH: 1, fusedActivation: 'NONE', dilationW: 1, dilationH: 1,
  }, 7);
  return b.build('CONV_2D float32 × int4 weights [4, 3, 3, 2] SAME');
}

const csr2d = (indexType: SparseLayout['indexType']): SparseLayout => ({ traversalOrder: [0, 1], blockMap: [], blockSizes: [], csr: [false, true], indexType });

export const sparseInt4Family: DiffFamily = {
  name: 'sparse and int4 constants',
  cases(seed: number): DiffCase[] {
    const rng = new Rng(seed + 701);
    const dtypes: DType[] = ['float32', 'float16', 'int8'];
    return [
      ...dtypes.map((d) => densify(rng, d as SparseDType, [5, 6], csr2d('int32'), 'CSR rows')),
      densify(rng, 'float32', [4, 8], { traversalOrder: [0, 1, 2, 3], blockMap: [0, 1], blockSizes: [2, 2], csr: [false, true, false, false], indexType: 'uint8' }, '2x2 blocks'),
      densify(rng, 'float16', [3, 8], { traversalOrder: [0, 1, 2], blockMap: [1], blockSizes: [4], csr: [false, true, false], indexType: 'uint16' }, '1x4 blocks'),
      densify(rng, 'int8', [4, 3], { traversalOrder: [1, 0], blockMap: [], blockSizes: [], csr: [false, true], indexType: 'uint8' }, 'column-major'),
      densify(rng, 'float32', [2, 3, 4], { traversalOrder: [0, 1, 2], blockMap: [], blockSizes: [], csr: [false, true, true], indexType: 'uint16' }, 'two CSR levels'),
      int4Dequantize(rng, [3, 5], false),
      int4Dequantize(rng, [4, 4], true),
      int4FullyConnected(rng, 2, 9, 5, false),
      int4FullyConnected(rng, 3, 16, 7, true),
      int4Conv(rng),
    ];
  },
};
