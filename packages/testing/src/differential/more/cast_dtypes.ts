/**
 * CAST into and out of the dtypes the LiteRT.js API cannot feed or read directly (uint32, uint16, float64,
 * float16, complex64): each case runs a chain from an int32/float32 input to an int32/float32 output, with
 * BITCAST where the bits themselves are the check. Values stay where C++'s static_cast is defined (no float
 * outside the target's range), since there TFLite builds disagree.
 */
import { BuiltinOp, type DType } from '@tflite-lambda/runtime/internal';
import { CaseBuilder, type DiffCase, type DiffFamily } from '../case_builder.js';
import { randomInts, uniformFloats } from '../random_data.js';
import { Rng } from '../rng.js';

interface Step {
  readonly op: 'CAST' | 'BITCAST';
  readonly dtype: DType;
  /** Trailing dimension a BITCAST to a narrower type adds (2 for int32 → uint16). */
  readonly lanes?: number;
}

function chain(input: { dtype: 'int32' | 'float32'; data: Int32Array | Float32Array }, steps: readonly Step[], note: string): DiffCase {
  const b = new CaseBuilder();
  const n = input.data.length;
  let t = b.input({ dtype: input.dtype, shape: [n] }, input.data);
  let shape = [n];
  steps.forEach((s, i) => {
    if (s.lanes) shape = [n, s.lanes];
    const spec = { dtype: s.dtype, shape };
    const next = i === steps.length - 1 ? b.output(spec) : b.intermediate(spec);
    b.op(BuiltinOp[s.op], [t], [next]);
    t = next;
  });
  return b.build(`CAST ${input.dtype} → ${steps.map((s) => `${s.op === 'BITCAST' ? 'bits ' : ''}${s.dtype}`).join(' → ')} ${note}`);
}

const cast = (dtype: DType): Step => ({ op: 'CAST', dtype });
const bits = (dtype: DType, lanes?: number): Step => ({ op: 'BITCAST', dtype, ...(lanes ? { lanes } : {}) });

export const castDtypesFamily: DiffFamily = {
  name: 'CAST through uint32, uint16, float64, float16 and complex64',
  cases(seed: number): DiffCase[] {
    const rng = new Rng(seed + 911);
    const ints = (lo: number, hi: number) => randomInts(rng, 'int32', [12], lo, hi) as Int32Array;
    const floats = (lo: number, hi: number) => uniformFloats(rng, [12], lo, hi);
    return [
      chain({ dtype: 'int32', data: ints(-2147483648, 2147483647) }, [cast('uint32'), bits('int32')], '(negative values wrap)'),
      chain({ dtype: 'int32', data: ints(-2147483648, 2147483647) }, [bits('uint32'), cast('float32')], '(values above 2^31)'),
      chain({ dtype: 'int32', data: ints(-2147483648, 2147483647) }, [bits('uint32'), cast('int64'), cast('float32')], ''),
      chain({ dtype: 'float32', data: floats(0, 4e9) }, [cast('uint32'), bits('int32')], '(truncation)'),
      chain({ dtype: 'int32', data: ints(-100000, 100000) }, [cast('uint16'), cast('int32')], '(wraps mod 2^16)'),
      chain({ dtype: 'int32', data: ints(-2147483648, 2147483647) }, [bits('uint16', 2), cast('float32')], ''),
      chain({ dtype: 'float32', data: floats(-1e6, 1e6) }, [cast('float64'), cast('int32')], ''),
      chain({ dtype: 'float32', data: floats(-3, 3) }, [cast('float64'), cast('float32')], '(exact round trip)'),
      chain({ dtype: 'float32', data: floats(-70000, 70000) }, [cast('float16'), cast('float32')], '(rounds to half, overflow to ±inf)'),
      chain({ dtype: 'float32', data: floats(-1e-4, 1e-4) }, [cast('float16'), cast('float32')], '(half subnormals)'),
      chain({ dtype: 'int32', data: ints(-1000, 1000) }, [cast('complex64'), cast('float32')], '(real part)'),
      chain({ dtype: 'float32', data: floats(-5, 5) }, [cast('complex64'), cast('complex64'), cast('int32')], ''),
    ];
  },
};
