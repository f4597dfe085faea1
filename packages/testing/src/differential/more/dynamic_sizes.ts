/**
 * The ops added for "runs any .tflite" whose output size comes from an input value, fed that value as a model
 * input so it is known only at run time: their outputs are dynamic, sized at eval, and the NEG after each is
 * prepared at eval too. LiteRT.js refuses dynamic outputs, so these run against tfjs-tflite (TFLite's own
 * interpreter). Its older build lacks DILATE and takes no string inputs: run-time DILATE and SKIP_GRAM are
 * checked in packages/runtime (kernels/reference/dynamic_sizes.test.ts).
 */
import { BuiltinOp, type DType, type TypedArray } from '@tflite-lambda/runtime/internal';
import { CaseBuilder, type DiffCase, type DiffFamily } from '../case_builder.js';
import { i32, normalFloats, randomInts, uniformFloats } from '../random_data.js';
import { Rng } from '../rng.js';

type Builder = (b: CaseBuilder) => { op: number; inputs: number[]; dtype: DType; options?: Parameters<CaseBuilder['op']>[3] };

/** The op's first output, negated (float32) or passed through (others), as the model's output. */
function dynamicCase(name: string, build: Builder, outputs = 1): DiffCase {
  const b = new CaseBuilder();
  const { op, inputs, dtype, options = null } = build(b);
  const mids = Array.from({ length: outputs }, (_, k) => (k === 0 && dtype === 'float32' ? b.intermediate({ dtype, shape: [1] }) : b.output({ dtype: k === 0 ? dtype : 'int32', shape: [1] })));
  b.op(op, inputs, mids, options);
  if (dtype === 'float32') b.op(BuiltinOp.NEG, [mids[0]!], [b.output({ dtype, shape: [1] })]);
  return b.build(`${name} (size from a run-time input)`);
}

const int32Input = (b: CaseBuilder, values: number[], shape = [values.length]) => b.input({ dtype: 'int32', shape }, i32(values));
const constant = (b: CaseBuilder, dtype: DType, shape: number[], data: TypedArray) => b.constant({ dtype, shape }, data);

export const dynamicSizesFamily: DiffFamily = {
  name: 'output sizes computed at run time',
  cases(seed: number): DiffCase[] {
    const rng = new Rng(seed + 919);
    return [
      dynamicCase('SEGMENT_SUM with run-time ids', (b) => ({
        op: BuiltinOp.SEGMENT_SUM, dtype: 'float32',
        inputs: [constant(b, 'float32', [5, 3], normalFloats(rng, [5, 3])), int32Input(b, [0, 0, 1, 2, 2])],
      })),
      dynamicCase('UNSORTED_SEGMENT_MAX with run-time num_segments', (b) => ({
        op: BuiltinOp.UNSORTED_SEGMENT_MAX, dtype: 'int32',
        inputs: [constant(b, 'int32', [6], randomInts(rng, 'int32', [6], -50, 50)), constant(b, 'int32', [6], i32([3, 0, -1, 3, 1, 0])), int32Input(b, [5], [])],
      })),
      dynamicCase('SPARSE_TO_DENSE with a run-time output shape', (b) => ({
        op: BuiltinOp.SPARSE_TO_DENSE, dtype: 'float32',
        inputs: [constant(b, 'int32', [3, 2], i32([0, 1, 2, 3, 1, 0])), int32Input(b, [3, 4]), constant(b, 'float32', [3], normalFloats(rng, [3])), constant(b, 'float32', [], Float32Array.of(0.5))],
      })),
      dynamicCase('EMBEDDING_LOOKUP_SPARSE with a run-time dense shape', (b) => ({
        op: BuiltinOp.EMBEDDING_LOOKUP_SPARSE, dtype: 'float32', options: { kind: 'EmbeddingLookupSparseOptions', combiner: 'MEAN' },
        inputs: [
          constant(b, 'int32', [4], i32([1, 3, 0, 2])), constant(b, 'int32', [4, 2], i32([0, 0, 0, 1, 2, 0, 2, 1])), int32Input(b, [3, 2]),
          constant(b, 'float32', [4], uniformFloats(rng, [4], 0.5, 2)), constant(b, 'float32', [4, 3], normalFloats(rng, [4, 3])),
        ],
      })),
      dynamicCase('NON_MAX_SUPPRESSION_V4 with a run-time max_output_size', (b) => ({
        op: BuiltinOp.NON_MAX_SUPPRESSION_V4, dtype: 'int32',
        inputs: [
          constant(b, 'float32', [6, 4], Float32Array.from({ length: 24 }, (_, i) => ((i * 7) % 11) / 11 + (i % 4 >= 2 ? 0.5 : 0))),
          constant(b, 'float32', [6], uniformFloats(rng, [6], 0, 1)), int32Input(b, [4], []),
          constant(b, 'float32', [], Float32Array.of(0.5)), constant(b, 'float32', [], Float32Array.of(0.1)),
        ],
      }), 2),
      dynamicCase('RFFT2D with a run-time fft_length, then COMPLEX_ABS', (b) => {
        const x = constant(b, 'float32', [3, 5], normalFloats(rng, [3, 5]));
        const spectrum = b.intermediate({ dtype: 'complex64', shape: [1] });
        b.op(BuiltinOp.RFFT2D, [x, int32Input(b, [4, 8])], [spectrum]);
        return { op: BuiltinOp.COMPLEX_ABS, dtype: 'float32', inputs: [spectrum] };
      }),
      dynamicCase('CONV_3D_TRANSPOSE with a run-time output shape', (b) => ({
        op: BuiltinOp.CONV_3D_TRANSPOSE, dtype: 'float32',
        options: { kind: 'Conv3DOptions', padding: 'VALID', strideD: 2, strideH: 2, strideW: 2, fusedActivation: 'NONE', dilationD: 1, dilationH: 1, dilationW: 1 },
        inputs: [int32Input(b, [1, 6, 5, 6, 2]), constant(b, 'float32', [2, 3, 2, 2, 3], normalFloats(rng, [2, 3, 2, 2, 3])), constant(b, 'float32', [1, 3, 2, 3, 3], normalFloats(rng, [1, 3, 2, 3, 3]))],
      })),
      dynamicCase('RANDOM_UNIFORM with a run-time shape', (b) => ({
        op: BuiltinOp.RANDOM_UNIFORM, dtype: 'float32', options: { kind: 'RandomOptions', seed: 5n, seed2: 6n }, inputs: [int32Input(b, [2, 3])],
      })),
      dynamicCase('MULTINOMIAL with a run-time num_samples', (b) => ({
        op: BuiltinOp.MULTINOMIAL, dtype: 'int32', options: { kind: 'RandomOptions', seed: 8n, seed2: 9n },
        inputs: [constant(b, 'float32', [2, 4], normalFloats(rng, [2, 4])), int32Input(b, [5], [])],
      })),
    ];
  },
};
