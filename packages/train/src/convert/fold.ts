/**
 * Folding passes over the IR, each exact in float arithmetic:
 * - an affine op after a convolution/dense layer scales its filter and bias (BatchNormalization folding);
 * - an affine op before a VALID convolution or a dense layer is absorbed into its weights (Normalization);
 * - RELU/RELU6 after CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED or ADD becomes the fused activation.
 */
import { consumers, isGraphOutput, producer, rewire, type AffineOp, type ConvOp, type DenseOp, type IrGraph, type IrOp } from './ir.js';

export function foldGraph(g: IrGraph): void {
  for (const op of [...g.ops]) if (op.kind === 'affine') mergeIntoNextAffine(g, op);
  for (const op of g.ops.filter((o) => o.kind === 'affine')) if (op.kind === 'affine') foldIntoProducer(g, op) || foldIntoConsumer(g, op);
  for (const op of [...g.ops]) if (op.kind === 'activation') fuseActivation(g, op);
  expandAffine(g);
}

/** Affine ops left after folding become MUL and ADD by per-channel constants (an identity half is skipped). */
function expandAffine(g: IrGraph): void {
  const ops: IrOp[] = [];
  for (const op of g.ops) {
    if (op.kind !== 'affine') {
      ops.push(op);
      continue;
    }
    const needMul = op.scale.some((s) => s !== 1);
    const needAdd = op.offset.some((o) => o !== 0);
    if (!needMul && !needAdd) {
      g.ops = g.ops.filter((o) => o !== op);
      rewire(g, op.output, op.inputs[0]);
      continue;
    }
    let input = op.inputs[0];
    if (needMul) {
      const out = needAdd ? g.tensors.push({ ...g.tensors[op.output], name: `${g.tensors[op.output].name}/mul`, shape: [...g.tensors[op.output].shape] }) - 1 : op.output;
      ops.push({ kind: 'mul_const', inputs: [input], output: out, values: op.scale });
      input = out;
    }
    if (needAdd) ops.push({ kind: 'add_const', inputs: [input], output: op.output, values: op.offset });
  }
  g.ops = ops;
}

/** Two affine ops in a row compose into one: (x·s1 + o1)·s2 + o2. */
function mergeIntoNextAffine(g: IrGraph, first: AffineOp): void {
  const users = consumers(g, first.output);
  const next = users[0];
  if (users.length !== 1 || next.kind !== 'affine' || isGraphOutput(g, first.output) || next.scale.length !== first.scale.length) return;
  for (let c = 0; c < next.scale.length; c++) {
    next.offset[c] = first.offset[c] * next.scale[c] + next.offset[c];
    next.scale[c] = first.scale[c] * next.scale[c];
  }
  next.inputs = [first.inputs[0]];
  g.ops = g.ops.filter((o) => o !== first);
}

/** Channel index of filter element `i` along the output axis. */
function outChannel(op: ConvOp | DenseOp, i: number): number {
  if (op.kind === 'depthwise') return i % op.filterShape[3];
  return Math.floor(i / (op.filter.length / op.filterShape[0]));
}

function foldIntoProducer(g: IrGraph, aff: AffineOp): boolean {
  const p = producer(g, aff.inputs[0]);
  if (!p || (p.kind !== 'conv2d' && p.kind !== 'depthwise' && p.kind !== 'dense')) return false;
  if (p.activation !== 'NONE' || consumers(g, aff.inputs[0]).length !== 1 || isGraphOutput(g, aff.inputs[0])) return false;
  for (let i = 0; i < p.filter.length; i++) p.filter[i] *= aff.scale[outChannel(p, i)];
  for (let c = 0; c < p.bias.length; c++) p.bias[c] = p.bias[c] * aff.scale[c] + aff.offset[c];
  p.output = aff.output;
  g.ops = g.ops.filter((o) => o !== aff);
  return true;
}

/** Input channel (of the affine op's channels) that filter element `i` multiplies. */
function inChannel(op: ConvOp | DenseOp, i: number, channels: number): number {
  if (op.kind === 'depthwise') return Math.floor((i % op.filterShape[3]) / op.multiplier);
  if (op.kind === 'conv2d') return i % op.filterShape[3];
  return (i % op.filterShape[1]) % channels;
}

function foldIntoConsumer(g: IrGraph, aff: AffineOp): boolean {
  const users = consumers(g, aff.output);
  if (users.length !== 1 || isGraphOutput(g, aff.output)) return false;
  const c = users[0];
  // With SAME padding the zeros padded in would also be shifted by the offset: not exact, so keep the op.
  if (c.kind === 'dense') {
    if (c.filterShape[1] % aff.scale.length !== 0) return false;
  } else if (c.kind !== 'conv2d' && c.kind !== 'depthwise') return false;
  else if (c.padding !== 'VALID') return false;
  const channels = aff.scale.length;
  for (let i = 0; i < c.filter.length; i++) {
    const ic = inChannel(c, i, channels);
    c.bias[outChannel(c, i)] += c.filter[i] * aff.offset[ic];
    c.filter[i] *= aff.scale[ic];
  }
  c.inputs = [aff.inputs[0]];
  g.ops = g.ops.filter((o) => o !== aff);
  return true;
}

function fuseActivation(g: IrGraph, act: IrOp & { kind: 'activation' }): void {
  if (act.fn !== 'relu' && act.fn !== 'relu6') return;
  const p = producer(g, act.inputs[0]);
  if (!p || (p.kind !== 'conv2d' && p.kind !== 'depthwise' && p.kind !== 'dense' && p.kind !== 'add')) return;
  if (p.activation !== 'NONE' || consumers(g, act.inputs[0]).length !== 1 || isGraphOutput(g, act.inputs[0])) return;
  p.activation = act.fn === 'relu' ? 'RELU' : 'RELU6';
  p.output = act.output;
  g.ops = g.ops.filter((o) => o !== act);
}
