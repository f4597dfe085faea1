/**
 * Calibration for full-integer quantization: the float model, with every IR tensor marked as an output, runs
 * on the representative images through our own Interpreter; the min/max seen per tensor gives its int8
 * parameters. Ops whose int8 kernels require fixed or inherited parameters get those instead.
 */
import { Interpreter } from '@tflite-lambda/runtime';
import { emitModel } from './emit.js';
import type { IrGraph } from './ir.js';
import { activationParams, RangeTracker, type QParams } from './quant_math.js';
import { ConversionError } from './read_layers.js';

/** Observed [min,max] per IR tensor over `samples` (each a float32 input of the IR input's shape). */
export function observeRanges(g: IrGraph, samples: readonly Float32Array[]): Map<number, RangeTracker> {
  if (g.inputs.length !== 1 || g.tensors[g.inputs[0]].dtype !== 'float32') {
    throw new ConversionError(`int8 calibration takes models with one float32 input (this one has ${g.inputs.length} inputs: ${g.inputs.map((t) => `${g.tensors[t].name} ${g.tensors[t].dtype}`).join(', ')})`);
  }
  const { bytes, outputIds } = emitModel(g, { inputType: 'float32', quantize: 'none', allOutputs: true });
  const it = Interpreter.loadSync(bytes);
  it.allocateTensors();
  const inIndex = it.getInputDetails()[0].index;
  const outs = it.getOutputDetails();
  const ranges = new Map<number, RangeTracker>(outputIds.map((id) => [id, new RangeTracker()]));
  const inputRange = new RangeTracker();
  for (const sample of samples) {
    inputRange.observe(sample);
    it.setTensor(inIndex, sample);
    it.invoke();
    outs.forEach((o, k) => ranges.get(outputIds[k])?.observe(it.getTensor(o.index) as Float32Array));
  }
  ranges.set(g.inputs[0], inputRange);
  return ranges;
}

/** int8 parameters per IR tensor, in graph order so pass-through ops can inherit their input's. */
export function assignActivationParams(g: IrGraph, ranges: Map<number, RangeTracker>): Map<number, QParams> {
  shareConcatRanges(g, ranges);
  const out = new Map<number, QParams>();
  const fromRange = (t: number): QParams => {
    const r = ranges.get(t);
    if (!r || r.min > r.max) throw new Error(`calibration saw no values for tensor '${g.tensors[t].name}'`);
    return activationParams(r.min, r.max);
  };
  for (const t of g.inputs) if (g.tensors[t].dtype === 'float32') out.set(t, fromRange(t));
  for (const op of g.ops) {
    if (g.tensors[op.output].dtype !== 'float32') continue;
    const first = op.inputs[0];
    const inherit = op.kind === 'maxpool' || op.kind === 'avgpool' || op.kind === 'reshape' || (op.kind === 'builtin' && op.int8 === 'input');
    if (inherit) {
      // TFLite's int8 pooling, reshape and data-movement ops keep the input's scale and zero point.
      out.set(op.output, out.get(first) ?? fromRange(first));
    } else if (op.kind === 'builtin' && typeof op.int8 === 'object') {
      out.set(op.output, op.int8);
    } else if (op.kind === 'activation' && (op.fn === 'softmax' || op.fn === 'sigmoid')) {
      out.set(op.output, { scale: 1 / 256, zeroPoint: -128 });
    } else if (op.kind === 'activation' && op.fn === 'tanh') {
      out.set(op.output, { scale: 1 / 128, zeroPoint: 0 });
    } else {
      out.set(op.output, fromRange(op.output));
    }
  }
  return out;
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
