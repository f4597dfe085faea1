/**
 * Calibration for full-integer quantization: the float model, with every IR tensor marked as an output, runs
 * on the representative inputs through our own Interpreter; the min/max seen per tensor gives its int8 (or,
 * in 16x8 mode, int16) parameters. Ops whose integer kernels require fixed or inherited parameters get
 * those instead.
 */
import type { CalibrationSample } from './calibration/samples.js';
import { emitModel } from './emit.js';
import { opName } from '@tflite-lambda/runtime/internal';
import { FloatRunner } from './float_runner.js';
import { graphInputs } from './graph_io.js';
import { isConstant, type IrGraph, type IrOp } from './ir.js';
import { activationParams, int16ActivationParams, RangeTracker, type QParams } from './quant_math.js';
import { ConversionError } from './read_layers.js';

export type ActivationType = 'int8' | 'int16';

/** Observed [min,max] per IR tensor over `samples` (one array per graph input, in graph input order). */
export function observeRanges(g: IrGraph, samples: readonly CalibrationSample[]): Map<number, RangeTracker> {
  const { bytes, outputIds } = emitModel(g, { inputType: 'float32', quantize: 'none', allOutputs: true });
  const runner = new FloatRunner(bytes);
  const ranges = new Map<number, RangeTracker>(outputIds.map((id) => [id, new RangeTracker()]));
  const inputs = graphInputs(g);
  const inputRanges = inputs.map(() => new RangeTracker());
  for (const sample of samples) {
    sample.forEach((x, i) => { inputRanges[i].observe(x); });
    runner.run(sample).forEach((values, k) => { ranges.get(outputIds[k])?.observe(values); });
  }
  inputs.forEach((t, i) => { ranges.set(t, inputRanges[i]); });
  return ranges;
}

/**
 * Parameters per IR tensor, in graph order so pass-through ops can inherit their input's. int8: asymmetric;
 * int16 (16x8 mode): symmetric with zero point 0, as TFLite's int16 kernels require.
 */
export function assignActivationParams(g: IrGraph, ranges: Map<number, RangeTracker>, type: ActivationType = 'int8'): Map<number, QParams> {
  shareRanges(g, ranges);
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
    if (inheritsScale(op)) {
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
  checkShared(g, out);
  return out;
}

/** Ops whose int8 kernels want their (non-constant) inputs and output on one scale and zero point. */
function sharesScale(op: IrOp): boolean {
  return op.kind === 'concat' || (op.kind === 'builtin' && op.int8 === 'shared');
}

/** Ops whose int8 output keeps its (first) input's parameters. */
function inheritsScale(op: IrOp): boolean {
  return op.kind === 'maxpool' || op.kind === 'avgpool' || op.kind === 'reshape' || (op.kind === 'builtin' && op.int8 === 'input');
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
 * TFLite's int8 CONCATENATION (XNNPACK's at least), MAXIMUM and MINIMUM want their inputs and output on one
 * scale and zero point: tensors linked through such ops and through data movement (transitively) all get the
 * union of their ranges.
 */
function shareRanges(g: IrGraph, ranges: Map<number, RangeTracker>): void {
  const parent = new Map<number, number>();
  const find = (t: number): number => {
    let r = t;
    for (let p = parent.get(r); p !== undefined && p !== r; p = parent.get(r)) r = p;
    return r;
  };
  for (const op of g.ops) {
    // A data-movement op's output has its input's parameters anyway (and a range inside its input's), so
    // linking the two lets a shared scale reach back through RESHAPE, PAD, TRANSPOSE… to the real producer.
    const members = sharesScale(op) ? [...op.inputs.filter((t) => t >= 0 && !isConstant(g, t)), op.output] : inheritsScale(op) ? [op.inputs[0], op.output] : [];
    for (const t of members) parent.set(find(t), find(members[0]));
  }
  const groups = new Map<number, RangeTracker>();
  for (const t of parent.keys()) {
    const root = find(t);
    const shared = groups.get(root) ?? new RangeTracker();
    groups.set(root, shared);
    const r = ranges.get(t);
    if (r && r.min <= r.max) shared.observe([r.min, r.max]);
  }
  for (const t of parent.keys()) {
    const shared = groups.get(find(t));
    if (shared) ranges.set(t, shared);
  }
}

/** A MAXIMUM/MINIMUM input whose parameters were fixed by its producer (not the shared range) is refused. */
function checkShared(g: IrGraph, params: Map<number, QParams>): void {
  for (const op of g.ops) {
    if (op.kind !== 'builtin' || op.int8 !== 'shared') continue;
    const want = params.get(op.output);
    for (const t of op.inputs.filter((i) => i >= 0 && !isConstant(g, i))) {
      const q = params.get(t);
      if (q && want && (q.scale !== want.scale || q.zeroPoint !== want.zeroPoint)) {
        throw new ConversionError(`layer '${g.tensors[op.output].source}': int8 ${opName(op.opcode)} needs its inputs and output on one scale, but '${g.tensors[t].name}' has fixed parameters; convert with --quantize dynamic or none`);
      }
    }
  }
}
