/**
 * GATHER for every dtype with int16/int32/int64 indices, an axis and batch_dims (both may be negative).
 * Output shape: params[:axis] + indices[batch_dims:] + params[axis+1:]. Indices are checked at every invoke:
 * an out-of-range index throws a TensorError naming the node, as TFLite fails the invoke.
 */
import { TensorError } from '../../core/errors.js';
import { BuiltinOp } from '../../core/ops.js';
import type { GatherOptions } from '../../core/options.js';
import { formatShape } from '../../core/shape.js';
import { sizeBetween } from '../common/concat_split.js';
import { elementsOf } from '../common/elements.js';
import { expectSameDType } from '../common/layout_checks.js';
import { expectDType, nodeLabel, requireInput, requireOutput, shapeError } from '../common/node_checks.js';
import { optionsOrDefault } from '../common/options.js';
import type { KernelRegistration } from '../kernel.js';

interface GatherPlan {
  readonly batches: number;
  readonly outer: number;
  readonly axisSize: number;
  /** Indices per batch. */
  readonly coords: number;
  readonly inner: number;
}

export const GATHER_KERNEL: KernelRegistration<GatherOptions, GatherPlan> = {
  op: BuiltinOp.GATHER,
  name: 'GATHER (all dtypes, reference)',
  parseOptions: (raw) => optionsOrDefault(raw, ['GatherOptions'], { kind: 'GatherOptions', axis: 0, batchDims: 0 }),
  prepare(node) {
    const params = requireInput(node, 0);
    const indices = requireInput(node, 1);
    const output = requireOutput(node, 0);
    expectSameDType(node, params, output);
    expectDType(node, indices, ['int32', 'int64', 'int16'], 'indices');
    const p = params.shape;
    const ix = indices.shape;
    const axis = node.options.axis < 0 ? node.options.axis + p.length : node.options.axis;
    const batchDims = node.options.batchDims < 0 ? node.options.batchDims + ix.length : node.options.batchDims;
    if (axis < 0 || axis >= p.length) throw shapeError(node, `axis ${node.options.axis} is out of range for rank ${p.length}`);
    if (batchDims < 0 || batchDims > ix.length || batchDims > axis) {
      throw shapeError(node, `batch_dims ${node.options.batchDims} is invalid for axis ${axis} and indices ${formatShape(ix)}`);
    }
    for (let i = 0; i < batchDims; i++) {
      if (p[i] !== ix[i]) throw shapeError(node, `batch dimension ${i} differs: params ${formatShape(p)}, indices ${formatShape(ix)}`);
    }
    output.shape = [...p.slice(0, axis), ...ix.slice(batchDims), ...p.slice(axis + 1)];
    return {
      batches: sizeBetween(p, 0, batchDims),
      outer: sizeBetween(p, batchDims, axis),
      axisSize: p[axis]!,
      coords: sizeBetween(ix, batchDims, ix.length),
      inner: sizeBetween(p, axis + 1, p.length),
    };
  },
  eval(node, plan) {
    const input = elementsOf(node.inputs[0]!.data);
    const indices = node.inputs[1]!.data;
    const out = elementsOf(node.outputs[0]!.data);
    const { batches, outer, axisSize, coords, inner } = plan;
    let pos = 0;
    for (let b = 0; b < batches; b++) {
      for (let o = 0; o < outer; o++) {
        const base = (b * outer + o) * axisSize;
        for (let c = 0; c < coords; c++) {
          const index = Number(indices[b * coords + c]!);
          if (index < 0 || index >= axisSize) {
            throw new TensorError(`${nodeLabel(node)}: index ${index} is out of range [0, ${axisSize})`);
          }
          const start = (base + index) * inner;
          for (let i = 0; i < inner; i++) out[pos++] = input[start + i]!;
        }
      }
    }
  },
};
