/**
 * Calibration for full-integer quantization: the float model, with every IR tensor marked as an output, runs
 * on the representative images through our own Interpreter; the min/max seen per tensor gives its int8
 * parameters. Ops whose int8 kernels require fixed or inherited parameters get those instead.
 */
import { Interpreter } from '@tflite-lambda/runtime';
import { emitModel } from './emit.js';
import { opName } from '@tflite-lambda/runtime/internal';
import { isConstant, type IrGraph, type IrOp } from './ir.js';
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
    outs.forEach((o, k) => {
      ranges.get(outputIds[k])?.observe(it.getTensor(o.index) as Float32Array);
    });
  }
  ranges.set(g.inputs[0], inputRange);
  return ranges;
}

/** int8 parameters per IR tensor, in graph order so pass-through ops can inherit their input's. */
export function assignActivationParams(g: IrGraph, ranges: Map<number, RangeTracker>): Map<number, QParams> {
  shareRanges(g, ranges);
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
    if (inheritsScale(op)) {
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
