/**
 * NON_MAX_SUPPRESSION_V4 and _V5 (float32): boxes [N, 4], scores [N], and scalar max_output_size (int32; it
 * sizes the outputs, at prepare when constant, else at eval as dynamic outputs, as TFLite does),
 * iou_threshold and score_threshold (V5 adds soft_nms_sigma). Outputs: selected indices [max_output_size]
 * (V5 also their scores), then the number selected; slots past that number are zero, as TFLite resets them.
 */
import { TensorError } from '../../core/errors.js';
import { BuiltinOp } from '../../core/ops.js';
import { formatShape, numElements } from '../../core/shape.js';
import type { KernelRegistration, NodeContext } from '../kernel.js';
import { intValues } from './const_values.js';
import { nonMaxSuppression } from './non_max_suppression.js';
import { expectDType, nodeLabel, requireInput, requireOutput, shapeError } from './node_checks.js';

export interface NmsPlan {
  readonly label: string;
  /** -1 when max_output_size is computed at run time (the outputs are dynamic). */
  readonly maxOutput: number;
}

function maxOutputSize(node: NodeContext<null>): number {
  const t = node.inputs[2]!;
  if (numElements(t.shape) !== 1) throw shapeError(node, 'max_output_size must be a scalar');
  const maxOutput = intValues(node, t, 'max_output_size')[0]!;
  if (maxOutput < 0) throw shapeError(node, `max_output_size ${maxOutput} is negative`);
  return maxOutput;
}

function scalar(node: NodeContext<null>, i: number, what: string): void {
  const t = requireInput(node, i);
  expectDType(node, t, ['float32'], what);
  if (numElements(t.shape) !== 1 || t.shape.length > 1) throw shapeError(node, `${what} must be a scalar`);
}

export function nmsKernel(version: 'V4' | 'V5'): KernelRegistration<null, NmsPlan> {
  const soft = version === 'V5';
  return {
    op: soft ? BuiltinOp.NON_MAX_SUPPRESSION_V5 : BuiltinOp.NON_MAX_SUPPRESSION_V4,
    name: `NON_MAX_SUPPRESSION_${version} (float32, reference)`,
    parseOptions: () => null,
    prepare(node) {
      const boxes = requireInput(node, 0), scores = requireInput(node, 1);
      expectDType(node, boxes, ['float32'], 'boxes');
      expectDType(node, scores, ['float32'], 'scores');
      if (boxes.shape.length !== 2 || boxes.shape[1] !== 4) throw shapeError(node, `boxes ${formatShape(boxes.shape)} must be [N, 4]`);
      if (scores.shape.length !== 1 || scores.shape[0] !== boxes.shape[0]) throw shapeError(node, `scores ${formatShape(scores.shape)} must be [${boxes.shape[0]}]`);
      const maxOut = requireInput(node, 2);
      expectDType(node, maxOut, ['int32'], 'max_output_size');
      const maxOutput = maxOut.isConstant ? maxOutputSize(node) : -1;
      scalar(node, 3, 'iou_threshold');
      scalar(node, 4, 'score_threshold');
      if (soft) scalar(node, 5, 'soft_nms_sigma');
      const outs = soft ? 3 : 2;
      if (node.outputs.length !== outs) throw shapeError(node, `expects ${outs} outputs, got ${node.outputs.length}`);
      const indices = requireOutput(node, 0);
      expectDType(node, indices, ['int32'], 'selected indices');
      if (soft) expectDType(node, requireOutput(node, 1), ['float32'], 'selected scores');
      for (let k = 0; k < outs - 1; k++) {
        if (maxOutput < 0) node.markOutputDynamic(k);
        else node.outputs[k]!.shape = [maxOutput];
      }
      const count = requireOutput(node, outs - 1);
      expectDType(node, count, ['int32'], 'selected count');
      count.shape = [];
      return { label: nodeLabel(node), maxOutput };
    },
    eval(node, p) {
      let maxOutput = p.maxOutput;
      if (maxOutput < 0) {
        maxOutput = maxOutputSize(node);
        for (let k = 0; k < (soft ? 2 : 1); k++) node.resizeOutput(k, [maxOutput]);
      }
      const iou = (node.inputs[3]!.data as Float32Array)[0]!;
      const scoreThreshold = (node.inputs[4]!.data as Float32Array)[0]!;
      const sigma = soft ? (node.inputs[5]!.data as Float32Array)[0]! : 0;
      if (!(iou >= 0 && iou <= 1)) throw new TensorError(`${p.label}: iou_threshold ${iou} is outside [0, 1]`);
      if (sigma < 0) throw new TensorError(`${p.label}: soft_nms_sigma ${sigma} is negative`);
      const selected = node.outputs[0]!.data as Int32Array;
      const selectedScores = soft ? (node.outputs[1]!.data as Float32Array) : null;
      selected.fill(0);
      selectedScores?.fill(0);
      const n = nonMaxSuppression(
        node.inputs[0]!.data as Float32Array, node.inputs[1]!.data as Float32Array, maxOutput, iou, scoreThreshold, sigma,
        selected, selectedScores,
      );
      (node.outputs[soft ? 2 : 1]!.data as Int32Array)[0] = n;
    },
  };
}
