/**
 * The basic LSTM kernel's tensors (TFLite lstm.cc, namespace basic): five inputs — input [batch, input],
 * prev_activ [batch, output], weights [4·output, input + output], bias [4·output], prev_state [batch, output] —
 * and four outputs — activation, state, the concatenation [batch, input + output] and the gate
 * pre-activations [batch, 4·output]. Shared by the float and the uint8 kernels; the dtypes are theirs.
 */
import type { DType, TypedArray } from '../../core/dtype.js';
import { formatShape } from '../../core/shape.js';
import { expectDType, expectRank, requireInput, requireOutput, shapeError } from '../common/node_checks.js';
import type { NodeContext, RuntimeTensor } from '../kernel.js';

export interface BasicLstmShape {
  readonly batches: number;
  readonly inputDepth: number;
  readonly outputDepth: number;
}

/** Input dtypes (input, prev_activ, weights, bias, prev_state), then output dtypes (activ, state, concat, gates). */
export interface BasicLstmDTypes {
  readonly inputs: readonly [DType, DType, DType, DType, DType];
  readonly outputs: readonly [DType, DType, DType, DType];
}

const INPUT_NAMES = ['input', 'prev_activ', 'weights', 'bias', 'prev_state'] as const;
const OUTPUT_NAMES = ['activation', 'state', 'concat_temp', 'activation_temp'] as const;

/** Checks the node as TFLite's basic Prepare does and sets the four outputs' shapes. */
export function prepareBasicLstmShape<O>(node: NodeContext<O>, dtypes: BasicLstmDTypes): BasicLstmShape {
  if (node.inputs.length !== 5) throw shapeError(node, `the basic LSTM has 5 inputs, the node ${node.inputs.length}`);
  if (node.outputs.length !== 4) throw shapeError(node, `the basic LSTM has 4 outputs, the node ${node.outputs.length}`);
  const ins = INPUT_NAMES.map((what, i) => {
    const t = requireInput(node, i);
    expectDType(node, t, [dtypes.inputs[i]!], what);
    expectRank(node, t, what === 'bias' ? 1 : 2, what);
    return t;
  });
  OUTPUT_NAMES.forEach((what, i) => {
    expectDType(node, requireOutput(node, i), [dtypes.outputs[i]!], what);
  });
  const [input, prevActiv, weights, bias, prevState] = ins as [RuntimeTensor, RuntimeTensor, RuntimeTensor, RuntimeTensor, RuntimeTensor];
  const [batches, inputDepth] = input.shape as [number, number];
  const outputDepth = prevActiv.shape[1]!;
  const expect = (ok: boolean, what: string, want: number[], got: readonly number[]): void => {
    if (!ok) throw shapeError(node, `${what} must be ${formatShape(want)}, got ${formatShape(got)}`);
  };
  expect(prevActiv.shape[0] === batches, 'prev_activ', [batches, outputDepth], prevActiv.shape);
  expect(weights.shape[0] === 4 * outputDepth && weights.shape[1] === inputDepth + outputDepth, 'weights', [4 * outputDepth, inputDepth + outputDepth], weights.shape);
  expect(bias.shape[0] === 4 * outputDepth, 'bias', [4 * outputDepth], bias.shape);
  expect(prevState.shape[0] === batches && prevState.shape[1] === outputDepth, 'prev_state', [batches, outputDepth], prevState.shape);
  const shapes = [[batches, outputDepth], [batches, outputDepth], [batches, inputDepth + outputDepth], [batches, 4 * outputDepth]];
  node.outputs.forEach((o, k) => {
    o.shape = shapes[k]!;
  });
  return { batches, inputDepth, outputDepth };
}

/**
 * TFLite's basic kernel ends by copying the new activation and state over prev_activ and prev_state, so a
 * model whose state inputs are variable tensors (or a caller invoking again without setting them) steps the
 * cell forward. A constant state is left alone (its bytes are the model's).
 */
export function copyStateBack<O>(node: NodeContext<O>): void {
  for (const [from, to] of [[0, 1], [1, 4]] as const) {
    const target = node.inputs[to]!;
    if (!target.isConstant) (target.data as Exclude<TypedArray, BigInt64Array>).set(node.outputs[from]!.data as Exclude<TypedArray, BigInt64Array>);
  }
}
