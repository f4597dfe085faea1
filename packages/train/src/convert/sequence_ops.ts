/**
 * Small builders of the TFLite builtins the sequence translators lower to (one IR builtin op each), so a
 * translator reads like the cell's equations. Every op is float; none declares an int8 lowering, so full int8
 * conversion refuses sequence models by name instead of emitting something wrong.
 */
import { BuiltinOp } from '@tflite-lambda/runtime/internal';
import type { BuiltinIrOp } from './ir.js';
import type { Emit } from './layers_to_ir.js';
import type { LayerRecord } from './read_layers.js';
import { applyActivation } from './translate_activation.js';

/** Versions TFLite writes for hybrid (int8 weights, float activations) FULLY_CONNECTED and sequence ops. */
const HYBRID_FC = { operands: [1], version: 3 } as const;

export class SequenceOps {
  private count = 0;
  private readonly scalars = new Map<number, number>();
  private readonly ints = new Map<string, number>();

  constructor(
    readonly e: Emit,
    readonly layer: LayerRecord,
    /** Prefix of the names of the tensors this writer adds (the layer name, or a direction of it). */
    readonly prefix: string = layer.name,
  ) {}

  /** A fresh float activation tensor named after the layer. */
  tensor(what: string, shape: number[]): number {
    return this.e.tensor(`${this.prefix}/${what}_${this.count++}`, shape, this.layer.name);
  }

  floatConst(what: string, data: Float32Array, shape: number[]): number {
    return this.e.constant(`${this.prefix}/${what}_${this.count++}`, data, shape, this.layer.name);
  }

  /** An int32 vector constant (shapes, slice bounds, axes), one per distinct value: unrolled steps share them. */
  intConst(what: string, values: number[]): number {
    const key = values.join(',');
    let t = this.ints.get(key);
    if (t === undefined) {
      t = this.e.constant(`${this.prefix}/${what}_${this.count++}`, Int32Array.from(values), [values.length], this.layer.name);
      this.ints.set(key, t);
    }
    return t;
  }

  /** A float scalar constant, one per value and writer (an unrolled cell reuses its hard-sigmoid constants). */
  scalar(value: number): number {
    let t = this.scalars.get(value);
    if (t === undefined) {
      t = this.e.constant(`${this.prefix}/scalar_${this.count++}`, Float32Array.of(value), [], this.layer.name);
      this.scalars.set(value, t);
    }
    return t;
  }

  shapeOf(t: number): number[] {
    return this.e.shapeOf(t);
  }

  builtin(opcode: number, inputs: number[], shape: number[], options: BuiltinIrOp['options'], extra: Partial<BuiltinIrOp> = {}): number {
    const output = this.tensor(opName(opcode), shape);
    this.e.op({ kind: 'builtin', opcode, inputs, output, options, ...extra });
    return output;
  }

  /** A weight matrix [out, in] as a constant operand, to share between the steps of an unrolled cell. */
  matrix(w: Float32Array, outUnits: number, inUnits: number): number {
    return this.floatConst('weights', w, [outUnits, inUnits]);
  }

  /** x [rows, in] · Wᵀ (+ bias) with W [out, in] (data, or a `matrix` operand); int8 in dynamic-range mode. */
  fc(x: number, w: Float32Array | number, outUnits: number, bias: Float32Array | null): number {
    const [rows, inUnits] = this.shapeOf(x);
    const wt = typeof w === 'number' ? w : this.matrix(w, outUnits, inUnits);
    const b = bias ? this.floatConst('bias', bias, [outUnits]) : -1;
    return this.builtin(BuiltinOp.FULLY_CONNECTED, [x, wt, b], [rows, outUnits],
      { kind: 'FullyConnectedOptions', fusedActivation: 'NONE', weightsFormat: 'DEFAULT', keepNumDims: false, asymmetricQuantizeInputs: false },
      { hybrid: HYBRID_FC });
  }

  add(a: number, b: number): number {
    return this.builtin(BuiltinOp.ADD, [a, b], broadcast(this.shapeOf(a), this.shapeOf(b)), { kind: 'AddOptions', fusedActivation: 'NONE', potScaleInt16: true });
  }

  sub(a: number, b: number): number {
    return this.builtin(BuiltinOp.SUB, [a, b], broadcast(this.shapeOf(a), this.shapeOf(b)), { kind: 'SubOptions', fusedActivation: 'NONE', potScaleInt16: true });
  }

  mul(a: number, b: number): number {
    return this.builtin(BuiltinOp.MUL, [a, b], broadcast(this.shapeOf(a), this.shapeOf(b)), { kind: 'MulOptions', fusedActivation: 'NONE', potScaleInt16: true });
  }

  /**
   * A Keras activation by its TF.js config name; hard sigmoid is TF.js's clip(0.2·x + 0.5, 0, 1), its constants
   * shared by every step.
   */
  activation(name: string, x: number): number {
    const shape = this.shapeOf(x);
    switch (name) {
      case 'linear':
        return x;
      case 'tanh':
        return this.builtin(BuiltinOp.TANH, [x], shape, null);
      case 'sigmoid':
        return this.builtin(BuiltinOp.LOGISTIC, [x], shape, null);
      case 'relu':
        return this.builtin(BuiltinOp.RELU, [x], shape, null);
      case 'relu6':
        return this.builtin(BuiltinOp.RELU6, [x], shape, null);
      case 'hardSigmoid': {
        const affine = this.add(this.mul(x, this.scalar(0.2)), this.scalar(0.5));
        const low = this.builtin(BuiltinOp.MAXIMUM, [affine, this.scalar(0)], shape, null);
        return this.builtin(BuiltinOp.MINIMUM, [low, this.scalar(1)], shape, null);
      }
      default:
        // Any other TF.js activation (elu, softsign, swish, …) lowers as it does after a Dense.
        return applyActivation(this.layer, name, x, this.e);
    }
  }

  /** x[begin : begin + size] (SLICE). */
  slice(x: number, begin: number[], size: number[]): number {
    return this.builtin(BuiltinOp.SLICE, [x, this.intConst('begin', begin), this.intConst('size', size)], size, null);
  }

  reshape(x: number, shape: number[]): number {
    return this.builtin(BuiltinOp.RESHAPE, [x, this.intConst('shape', shape)], shape, { kind: 'ReshapeOptions', newShape: shape });
  }

  /** Reverses the time axis (1) of [1, T, n]. */
  reverseTime(x: number): number {
    return this.builtin(BuiltinOp.REVERSE_V2, [x, this.intConst('axis', [1])], [...this.shapeOf(x)], null);
  }

  /** The last time step of [1, T, n] as [1, n] (STRIDED_SLICE with the time axis shrunk, as TFLite's converter does). */
  lastStep(x: number): number {
    const [, steps, n] = this.shapeOf(x);
    return this.builtin(BuiltinOp.STRIDED_SLICE, [x, this.intConst('begin', [0, steps - 1, 0]), this.intConst('end', [1, steps, n]), this.intConst('strides', [1, 1, 1])], [1, n],
      { kind: 'StridedSliceOptions', beginMask: 0, endMask: 0, ellipsisMask: 0, newAxisMask: 0, shrinkAxisMask: 2, offset: false });
  }

  /** Stacks [1, n] tensors along a new time axis: [1, T, n]. */
  stackTime(xs: number[]): number {
    const [, n] = this.shapeOf(xs[0]);
    return this.builtin(BuiltinOp.PACK, xs, [1, xs.length, n], { kind: 'PackOptions', valuesCount: xs.length, axis: 1 });
  }

  concatLast(xs: number[]): number {
    const shape = [...this.shapeOf(xs[0])];
    const last = shape.length - 1;
    shape[last] = xs.reduce((n, x) => n + this.shapeOf(x)[last], 0);
    return this.builtin(BuiltinOp.CONCATENATION, xs, shape, { kind: 'ConcatenationOptions', axis: last, fusedActivation: 'NONE' });
  }
}

function broadcast(a: number[], b: number[]): number[] {
  if (b.length === 0) return [...a];
  if (a.length === 0) return [...b];
  return a.map((d, i) => Math.max(d, b[i] ?? 1));
}

function opName(opcode: number): string {
  const names: Record<number, string> = {
    [BuiltinOp.FULLY_CONNECTED]: 'fc', [BuiltinOp.ADD]: 'add', [BuiltinOp.SUB]: 'sub', [BuiltinOp.MUL]: 'mul', [BuiltinOp.TANH]: 'tanh',
    [BuiltinOp.LOGISTIC]: 'sigmoid', [BuiltinOp.SLICE]: 'slice', [BuiltinOp.PACK]: 'pack', [BuiltinOp.RESHAPE]: 'reshape',
  };
  return names[opcode] ?? `op${opcode}`;
}
