/**
 * Activations, as a layer's `activation` option and as layers, lowered the way TF's converter lowers them:
 * RELU/RELU6/LOGISTIC/TANH/SOFTMAX stay IR activation ops (folding fuses them), ELU/GELU/PRELU/LEAKY_RELU are
 * TFLite builtins, and the rest are small chains of element-wise builtins (softplus, softsign, swish, mish,
 * SELU, hard sigmoid).
 */
import { BuiltinOp } from '@tflite-lambda/runtime/internal';
import type { ActivationFn } from './ir.js';
import type { Emit, Translator } from './layers_to_ir.js';
import { single } from './layout.js';
import { Lowering } from './lower.js';
import { ConversionError, type LayerRecord } from './read_layers.js';

const SELU_ALPHA = 1.6732632423543772;
const SELU_SCALE = 1.0507009873554805;

function irActivation(l: Lowering, fn: ActivationFn, x: number): number {
  const out = l.e.tensor(`${l.layer.name}/${fn}`, [...l.shape(x)], l.layer.name);
  l.e.op({ kind: 'activation', inputs: [x], output: out, fn });
  return out;
}

/** relu(x) + a·min(elu(x), 0), times `scale`: ELU with any alpha, and SELU (TFLite's ELU has alpha 1). */
function scaledElu(l: Lowering, x: number, alpha: number, scale: number): number {
  const elu = l.unary(BuiltinOp.ELU, x);
  if (alpha === 1 && scale === 1) return elu;
  const negative = l.binary(BuiltinOp.MUL, l.binary(BuiltinOp.MINIMUM, elu, l.scalar(0)), l.scalar(alpha * scale));
  const positive = scale === 1 ? irActivation(l, 'relu', x) : l.binary(BuiltinOp.MUL, irActivation(l, 'relu', x), l.scalar(scale));
  return l.binary(BuiltinOp.ADD, positive, negative);
}

/** softplus(x) = relu(x) + log(1 + exp(−|x|)), the overflow-free form (−|x| as a MUL by −1: NEG has no int8 kernel). */
function softplus(l: Lowering, x: number): number {
  const negAbs = l.binary(BuiltinOp.MUL, l.unary(BuiltinOp.ABS, x), l.scalar(-1));
  const tail = l.unary(BuiltinOp.LOG, l.binary(BuiltinOp.ADD, l.unary(BuiltinOp.EXP, negAbs), l.scalar(1)));
  return l.binary(BuiltinOp.ADD, irActivation(l, 'relu', x), tail);
}

/** Softmax along `axis` (positive, batch included): TFLite's SOFTMAX takes the last axis, so transpose around it. */
export function softmaxOnAxis(l: Lowering, x: number, axis: number): number {
  const rank = l.shape(x).length;
  if (axis === rank - 1) return irActivation(l, 'softmax', x);
  const perm = Array.from({ length: rank }, (_, i) => i);
  [perm[axis], perm[rank - 1]] = [perm[rank - 1], perm[axis]];
  return l.transpose(irActivation(l, 'softmax', l.transpose(x, perm)), perm);
}

type Lower = (l: Lowering, x: number) => number;

const ACTIVATIONS: Record<string, Lower | null> = {
  linear: null,
  relu: (l, x) => irActivation(l, 'relu', x),
  relu6: (l, x) => irActivation(l, 'relu6', x),
  sigmoid: (l, x) => irActivation(l, 'sigmoid', x),
  tanh: (l, x) => irActivation(l, 'tanh', x),
  softmax: (l, x) => irActivation(l, 'softmax', x),
  logSoftmax: (l, x) => l.unary(BuiltinOp.LOG_SOFTMAX, x),
  elu: (l, x) => scaledElu(l, x, 1, 1),
  selu: (l, x) => scaledElu(l, x, SELU_ALPHA, SELU_SCALE),
  softplus,
  // softsign(x) = x / (|x| + 1)
  softsign: (l, x) => l.binary(BuiltinOp.DIV, x, l.binary(BuiltinOp.ADD, l.unary(BuiltinOp.ABS, x), l.scalar(1))),
  swish: (l, x) => l.binary(BuiltinOp.MUL, x, irActivation(l, 'sigmoid', x)),
  mish: (l, x) => l.binary(BuiltinOp.MUL, x, irActivation(l, 'tanh', softplus(l, x))),
  gelu: (l, x) => l.unary(BuiltinOp.GELU, x, { kind: 'GeluOptions', approximate: false }),
  gelu_new: (l, x) => l.unary(BuiltinOp.GELU, x, { kind: 'GeluOptions', approximate: true }),
  // TF.js's hard sigmoid: clip(0.2·x + 0.5, 0, 1).
  hardSigmoid: (l, x) => l.binary(BuiltinOp.MINIMUM, l.binary(BuiltinOp.MAXIMUM, l.binary(BuiltinOp.ADD, l.binary(BuiltinOp.MUL, x, l.scalar(0.2)), l.scalar(0.5)), l.scalar(0)), l.scalar(1)),
  exponential: (l, x) => l.unary(BuiltinOp.EXP, x),
};
const ALIASES: Record<string, string> = { silu: 'swish', hard_sigmoid: 'hardSigmoid', log_softmax: 'logSoftmax', gelu_approximate: 'gelu_new' };

export function applyActivation(layer: LayerRecord, name: string, t: number, e: Emit): number {
  const key = ALIASES[name] ?? name;
  if (!(key in ACTIVATIONS)) throw new ConversionError(`layer '${layer.name}' (${layer.className}): activation '${name}' is not supported (supported: ${Object.keys(ACTIVATIONS).join(', ')})`);
  const lower = ACTIVATIONS[key];
  return lower ? lower(new Lowering(layer, e), t) : t;
}

/** Appends the ops of a config's `activation` (if any) and returns the final tensor. */
export function withActivation(layer: LayerRecord, t: number, e: Emit): number {
  return applyActivation(layer, (layer.config.activation as string | undefined) ?? 'linear', t, e);
}

function numberOr(v: unknown, fallback: number): number {
  return typeof v === 'number' ? v : fallback;
}

/** Activation layers: Activation, ReLU, LeakyReLU, PReLU, ELU, Softmax. */
export const ACTIVATION_LAYERS: Record<string, Translator> = {
  Activation: (layer, inputs, e) => applyActivation(layer, (layer.config.activation as string | undefined) ?? 'linear', single(layer, inputs), e),
  ReLU: (layer, inputs, e) => {
    const x = single(layer, inputs);
    const max = layer.config.maxValue;
    if (max === 6) return applyActivation(layer, 'relu6', x, e);
    const r = applyActivation(layer, 'relu', x, e);
    if (max === undefined || max === null) return r;
    const l = new Lowering(layer, e);
    return l.binary(BuiltinOp.MINIMUM, r, l.scalar(Number(max)));
  },
  LeakyReLU: (layer, inputs, e) => {
    const l = new Lowering(layer, e);
    return l.unary(BuiltinOp.LEAKY_RELU, single(layer, inputs), { kind: 'LeakyReluOptions', alpha: numberOr(layer.config.alpha, 0.3) });
  },
  PReLU: (layer, inputs, e) => {
    const alpha = layer.weights.get('alpha');
    if (!alpha) throw new ConversionError(`layer '${layer.name}' (PReLU) has no weight 'alpha'`);
    const l = new Lowering(layer, e);
    const x = single(layer, inputs);
    return l.op(BuiltinOp.PRELU, [x, l.floats(alpha.data, [...alpha.shape])], [...l.shape(x)]);
  },
  ELU: (layer, inputs, e) => scaledElu(new Lowering(layer, e), single(layer, inputs), numberOr(layer.config.alpha, 1), 1),
  Softmax: (layer, inputs, e) => {
    const x = single(layer, inputs);
    const rank = e.shapeOf(x).length;
    const raw = layer.config.axis;
    const axis = Array.isArray(raw) ? (raw.length === 1 ? Number(raw[0]) : NaN) : numberOr(raw, -1);
    if (!Number.isInteger(axis) || axis === 0 || axis < -rank || axis >= rank) {
      throw new ConversionError(`layer '${layer.name}' (Softmax): axis ${JSON.stringify(raw)} is not supported (one non-batch axis)`);
    }
    return softmaxOnAxis(new Lowering(layer, e), x, axis < 0 ? axis + rank : axis);
  },
};
