/**
 * CONCATENATION, quantized (int8/uint8/int16): inputs whose scale and zero point equal the output's are
 * copied; others are requantized as TFLite's ConcatenationWithScaling does, in float32:
 * round(x·(s_in/s_out) − zp_in·(s_in/s_out)) + zp_out, clamped. The fused activation is not applied to
 * quantized outputs (TFLite ignores it there too).
 */
import { intRange } from '../../core/dtype.js';
import { BuiltinOp } from '../../core/ops.js';
import type { ConcatenationOptions } from '../../core/options.js';
import { normalizeAxis } from '../../core/shape.js';
import { requireOutput, shapeError } from '../common/node_checks.js';
import { optionsOrDefault } from '../common/options.js';
import { requireScale, roundHalfAway, tensorZeroPoint, type QuantizedDType } from '../common/quantization.js';
import type { KernelRegistration, NodeContext, NodeSignature } from '../kernel.js';
import type { QArray } from './elementwise.js';

export interface ConcatInputPlan {
  /** Elements copied per outer step (axis extent × inner size). */
  readonly copySize: number;
  /** Null when the input is copied unchanged. */
  readonly scale: number | null;
  readonly bias: number;
}

export interface QuantizedConcatData {
  readonly outer: number;
  readonly inputs: readonly ConcatInputPlan[];
  readonly outZeroPoint: number;
  readonly min: number;
  readonly max: number;
}

/** Quantized 8/16-bit tensors that all carry scales; plain integer concatenation stays with the layout kernel. */
export function isQuantizedConcatNode(node: NodeSignature): boolean {
  const out = node.outputs[0];
  const t = out?.dtype;
  const quantized = (x: { quantization: { scale: readonly number[] } | null } | null | undefined): boolean =>
    !!x && !!x.quantization && x.quantization.scale.length > 0;
  return (t === 'int8' || t === 'uint8' || t === 'int16') && quantized(out) && node.inputs.length > 0
    && node.inputs.every((i) => i?.dtype === t && quantized(i));
}

function prepare(node: NodeContext<ConcatenationOptions>): QuantizedConcatData {
  const output = requireOutput(node, 0);
  const inputs = node.inputs.map((t, i) => {
    if (!t) throw shapeError(node, `input ${i} is missing`);
    return t;
  });
  const first = inputs[0]!;
  const rank = first.shape.length;
  const axis = normalizeAxis(node.options.axis, rank, `node ${node.index} (${node.opName}) axis`);
  let axisTotal = 0;
  for (const t of inputs) {
    if (t.shape.length !== rank || t.shape.some((d, k) => k !== axis && d !== first.shape[k])) {
      throw shapeError(node, `input [${t.shape.join(',')}] does not match [${first.shape.join(',')}] off axis ${axis}`);
    }
    axisTotal += t.shape[axis]!;
  }
  output.shape = first.shape.map((d, k) => (k === axis ? axisTotal : d));
  let outer = 1;
  for (let k = 0; k < axis; k++) outer *= first.shape[k]!;
  let inner = 1;
  for (let k = axis + 1; k < rank; k++) inner *= first.shape[k]!;
  const so = requireScale(node, output);
  const zo = tensorZeroPoint(output);
  const inverse = Math.fround(1 / so);
  const plans = inputs.map((t): ConcatInputPlan => {
    const si = requireScale(node, t);
    const zi = tensorZeroPoint(t);
    const copySize = t.shape[axis]! * inner;
    if (si === so && zi === zo) return { copySize, scale: null, bias: 0 };
    const scale = Math.fround(si * inverse);
    return { copySize, scale, bias: Math.fround(-zi * scale) };
  });
  const range = intRange(output.dtype as QuantizedDType);
  return { outer, inputs: plans, outZeroPoint: zo, min: range.min, max: range.max };
}

function evalConcat(node: NodeContext<ConcatenationOptions>, d: QuantizedConcatData): void {
  const out = node.outputs[0]!.data as QArray;
  let o = 0;
  for (let k = 0; k < d.outer; k++) {
    for (let i = 0; i < d.inputs.length; i++) {
      const p = d.inputs[i]!;
      const src = node.inputs[i]!.data as QArray;
      const base = k * p.copySize;
      if (p.scale === null) {
        for (let j = 0; j < p.copySize; j++) out[o++] = src[base + j]!;
        continue;
      }
      for (let j = 0; j < p.copySize; j++) {
        const v = roundHalfAway(Math.fround(Math.fround(src[base + j]! * p.scale) + p.bias)) + d.outZeroPoint;
        out[o++] = v < d.min ? d.min : v > d.max ? d.max : v;
      }
    }
  }
}

export const CONCATENATION_QUANTIZED_KERNEL: KernelRegistration<ConcatenationOptions, QuantizedConcatData> = {
  op: BuiltinOp.CONCATENATION,
  name: 'CONCATENATION (int8/uint8/int16, requantizing)',
  parseOptions: (raw) =>
    optionsOrDefault(raw, ['ConcatenationOptions'], { kind: 'ConcatenationOptions', axis: 0, fusedActivation: 'NONE' }),
  supports: isQuantizedConcatNode,
  prepare,
  eval: evalConcat,
};
