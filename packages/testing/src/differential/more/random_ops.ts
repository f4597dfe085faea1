/**
 * RANDOM_UNIFORM, RANDOM_STANDARD_NORMAL and MULTINOMIAL cases: each model also negates its input, so it has
 * an input to feed. They are compared over several invokes (more_random.test.ts), not by the one-invoke harness.
 */
import { BuiltinOp } from '@tflite-lambda/runtime/internal';
import { CaseBuilder, type DiffCase, type DiffFamily } from '../case_builder.js';
import { i32, normalFloats } from '../random_data.js';
import { Rng } from '../rng.js';

/** Each case runs three invokes of one model: the generators must keep their state in between. */
const INVOKES = 3;

/** The random op's output plus an input-dependent output, so the model has an input to feed. */
function randomCase(op: 'RANDOM_UNIFORM' | 'RANDOM_STANDARD_NORMAL', shape: number[], seed: bigint, seed2: bigint): DiffCase {
  const b = new CaseBuilder();
  const x = b.input({ dtype: 'float32', shape: [2] }, Float32Array.of(1, 2));
  const dims = b.constant({ dtype: 'int32', shape: [shape.length] }, i32(shape));
  b.op(BuiltinOp[op], [dims], [b.output({ dtype: 'float32', shape })], { kind: 'RandomOptions', seed, seed2 });
  b.op(BuiltinOp.NEG, [x], [b.output({ dtype: 'float32', shape: [2] })]);
  return b.build(`${op} [${shape}] seeds (${seed}, ${seed2})`, INVOKES);
}

/** Constant logits: with run-time logits TFLite makes the output dynamic, which LiteRT.js cannot return. */
function multinomialCase(rng: Rng, batch: number, classes: number, samples: number, seed: bigint, seed2: bigint, dtype: 'int32' | 'int64'): DiffCase {
  const b = new CaseBuilder();
  const x = b.input({ dtype: 'float32', shape: [2] }, Float32Array.of(1, 2));
  const logits = b.constant({ dtype: 'float32', shape: [batch, classes] }, normalFloats(rng, [batch, classes]));
  const count = b.constant({ dtype: 'int32', shape: [] }, i32([samples]));
  b.op(BuiltinOp.MULTINOMIAL, [logits, count], [b.output({ dtype, shape: [batch, samples] })], { kind: 'RandomOptions', seed, seed2 });
  b.op(BuiltinOp.NEG, [x], [b.output({ dtype: 'float32', shape: [2] })]);
  return b.build(`MULTINOMIAL ${batch}×${classes} logits, ${samples} ${dtype} samples, seeds (${seed}, ${seed2})`, INVOKES);
}

export const randomOpsFamily: DiffFamily = {
  name: 'random ops over several invokes',
  cases(seed: number): DiffCase[] {
    const rng = new Rng(seed);
    return [
      randomCase('RANDOM_UNIFORM', [3, 5], 42n, 7n),
      // TFLite keeps seeds in 32-bit ints: these are cut to their low words and sign-extended.
      randomCase('RANDOM_UNIFORM', [7], -1n, 123456789012n),
      randomCase('RANDOM_STANDARD_NORMAL', [4, 4], 1n, 2n),
      randomCase('RANDOM_STANDARD_NORMAL', [3, 3], 99n, 0n),
      multinomialCase(rng, 2, 5, 6, 3n, 4n, 'int64'),
      multinomialCase(rng, 3, 4, 5, 11n, 0n, 'int32'),
    ];
  },
};
