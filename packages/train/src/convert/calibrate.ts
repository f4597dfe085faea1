/**
 * Calibration for full-integer quantization: the float model, with every IR tensor marked as an output, runs
 * on the representative inputs through our own Interpreter; the min/max seen per tensor gives its int8 (or,
 * in 16x8 mode, int16) parameters. Ops whose integer kernels require fixed or inherited parameters get
 * those instead.
 */
import type { CalibrationSample } from './calibration/samples.js';
import { emitModel } from './emit.js';
import { graphInputs } from './graph_io.js';
import type { IrGraph } from './ir.js';
import { activationParams, int16ActivationParams, RangeTracker, type QParams } from './quant_math.js';
import { FloatRunner } from './float_runner.js';

export type ActivationType = 'int8' | 'int16';

/** Observed [min,max] per IR tensor over `samples` (one array per graph input, in graph input order). */
export function observeRanges(g: IrGraph, samples: readonly CalibrationSample[]): Map<number, RangeTracker> {
  const { bytes, outputIds } = emitModel(g, { inputType: 'float32', quantize: 'none', allOutputs: true });
  const runner = new FloatRunner(bytes);
  const ranges = new Map<number, RangeTracker>(outputIds.map((id) => [id, new RangeTracker()]));
  const inputs = graphInputs(g);
  const inputRanges = inputs.map(() => new RangeTracker());
  for (const sample of samples) {
    sample.forEach((x, i) => inputRanges[i].observe(x));
    runner.run(sample).forEach((values, k) => ranges.get(outputIds[k])?.observe(values));
  }
  inputs.forEach((t, i) => ranges.set(t, inputRanges[i]));
  return ranges;
}

/**
 * Parameters per IR tensor, in graph order so pass-through ops can inherit their input's. int8: asymmetric;
 * int16 (16x8 mode): symmetric with zero point 0, as TFLite's int16 kernels require.
 */
export function assignActivationParams(g: IrGraph, ranges: Map<number, RangeTracker>, type: ActivationType = 'int8'): Map<number, QParams> {
  shareConcatRanges(g, ranges);
  const out = new Map<number, QParams>();
  const fromRange = (t: number): QParams => {
    const r = ranges.get(t);
    if (!r || r.min > r.max) throw new Error(`calibration saw no values for tensor '${g.tensors[t].name}'`);
    return type === 'int8' ? activationParams(r.min, r.max) : int16ActivationParams(r.min, r.max);
  };
  for (const t of graphInputs(g)) if (g.tensors[t].dtype === 'float32') out.set(t, fromRange(t));
  // TFLite's int16 softmax/logistic/tanh outputs are fixed at 1/32768 (zero point 0).
  const fixedUnit = type === 'int8' ? { scale: 1 / 256, zeroPoint: -128 } : { scale: 1 / 32768, zeroPoint: 0 };
  const fixedSigned = type === 'int8' ? { scale: 1 / 128, zeroPoint: 0 } : { scale: 1 / 32768, zeroPoint: 0 };
  for (const op of g.ops) {
    if (g.tensors[op.output].dtype !== 'float32') continue;
    const first = op.inputs[0];
    const inherit = op.kind === 'maxpool' || op.kind === 'avgpool' || op.kind === 'reshape' || (op.kind === 'builtin' && op.int8 === 'input');
    if (inherit) {
      // TFLite's integer pooling, reshape and data-movement ops keep the input's scale and zero point.
      out.set(op.output, out.get(first) ?? fromRange(first));
    } else if (op.kind === 'builtin' && typeof op.int8 === 'object') {
      out.set(op.output, type === 'int8' ? op.int8 : int16Fixed(op.int8));
    } else if (op.kind === 'activation' && (op.fn === 'softmax' || op.fn === 'sigmoid')) {
      out.set(op.output, fixedUnit);
    } else if (op.kind === 'activation' && op.fn === 'tanh') {
      out.set(op.output, fixedSigned);
    } else {
      out.set(op.output, fromRange(op.output));
    }
  }
  return out;
}

/**
 * The int16 counterpart of an int8 output range a kernel fixes (LOGISTIC's [0, 1), TANH's [−1, 1), …):
 * symmetric, zero point 0, the real range rounded up to a power of two over 32768 (1/32768 for |x| ≤ 1, the
 * scale TFLite's int16 kernels require).
 */
function int16Fixed(q: QParams): QParams {
  const m = Math.max(Math.abs(q.scale * (-128 - q.zeroPoint)), Math.abs(q.scale * (127 - q.zeroPoint)));
  return { scale: 2 ** Math.max(0, Math.ceil(Math.log2(m))) / 32768, zeroPoint: 0 };
}

/**
 * TFLite's int8 CONCATENATION (and XNNPACK's) wants its inputs and output on one scale and zero point, so
 * they all get the union of their observed ranges.
 */
function shareConcatRanges(g: IrGraph, ranges: Map<number, RangeTracker>): void {
  for (const op of g.ops) {
    if (op.kind !== 'concat') continue;
    const members = [...op.inputs, op.output];
    const shared = new RangeTracker();
    for (const t of members) {
      const r = ranges.get(t);
      if (r) shared.observe([r.min, r.max]);
    }
    for (const t of members) ranges.set(t, shared);
  }
}
