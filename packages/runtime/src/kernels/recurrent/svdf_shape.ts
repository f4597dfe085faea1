/**
 * SVDF's tensors and sizes, checked as TFLite's svdf.cc Prepare does: input [batch, input_size], weights_feature
 * [num_filters, input_size], weights_time [num_filters, memory_size], optional bias [num_units], the variable
 * state [batch, memory_size·num_filters]; num_units = num_filters / rank; output [batch, num_units].
 */
import type { SVDFOptions } from '../../core/options.js';
import { expectRank, requireInput, shapeError } from '../common/node_checks.js';
import type { NodeContext, RuntimeTensor } from '../kernel.js';

export interface SvdfSizes {
  readonly batches: number;
  readonly inputSize: number;
  readonly filters: number;
  readonly units: number;
  readonly rank: number;
  readonly memory: number;
}

export const SVDF_DEFAULTS: SVDFOptions = { kind: 'SVDFOptions', rank: 1, fusedActivation: 'NONE', asymmetricQuantizeInputs: false };

export function svdfSizes(node: NodeContext<SVDFOptions>): SvdfSizes {
  const input = requireInput(node, 0);
  const feature = requireInput(node, 1);
  const time = requireInput(node, 2);
  const state = requireInput(node, 4);
  expectRank(node, input, 2, 'input');
  expectRank(node, feature, 2, 'weights_feature');
  expectRank(node, time, 2, 'weights_time');
  const rank = node.options.rank;
  const [batches, inputSize] = input.shape as [number, number];
  const filters = feature.shape[0]!;
  if (!(rank > 0) || filters % rank !== 0) throw shapeError(node, `rank ${rank} does not divide the ${filters} filters`);
  const memory = time.shape[1]!;
  if (feature.shape[1] !== inputSize) throw shapeError(node, `weights_feature has ${feature.shape[1]} columns, the input ${inputSize}`);
  if (time.shape[0] !== filters) throw shapeError(node, `weights_time has ${time.shape[0]} rows, expected ${filters} filters`);
  const units = filters / rank;
  const bias = node.inputs[3];
  if (bias && (bias.shape.length !== 1 || bias.shape[0] !== units)) throw shapeError(node, `bias must be [${units}], got [${bias.shape.join(',')}]`);
  if (state.shape.length !== 2 || state.shape[0] !== batches || state.shape[1] !== memory * filters) {
    throw shapeError(node, `state '${state.name}' must be [${batches},${memory * filters}], got [${state.shape.join(',')}]`);
  }
  node.outputs[0]!.shape = [batches, units];
  return { batches, inputSize, filters, units, rank, memory };
}

/** output[b, u] = (bias[u] or 0) + Σ_r scratch[b, u·rank + r] (ReductionSumVector, accumulating in order). */
export function reduceFilters<T extends Float32Array | Int32Array>(
  scratch: T, bias: T | null, s: SvdfSizes, out: T, add: (a: number, b: number) => number,
): void {
  for (let b = 0; b < s.batches; b++) {
    for (let u = 0; u < s.units; u++) {
      let acc = bias ? bias[u]! : 0;
      for (let r = 0; r < s.rank; r++) acc = add(acc, scratch[b * s.filters + u * s.rank + r]!);
      out[b * s.units + u] = acc;
    }
  }
}

/** Shifts every filter's memory one step left, the newest slot becoming `fill`. */
export function shiftState(state: { [i: number]: number; readonly length: number }, s: SvdfSizes, fill: number): void {
  for (let row = 0; row < s.batches * s.filters; row++) {
    const at = row * s.memory;
    for (let j = 0; j < s.memory - 1; j++) state[at + j] = state[at + j + 1]!;
    state[at + s.memory - 1] = fill;
  }
}

export function biasData<T>(node: NodeContext<unknown>): T | null {
  const bias: RuntimeTensor | null | undefined = node.inputs[3];
  return bias ? (bias.data as T) : null;
}
