/**
 * Building blocks for layers that lower to several TFLite builtins (as TF's converter lowers them): each
 * `Lowering` names its tensors after the layer, makes constant operands and knows, per builtin, how the op's
 * output is quantized in int8 mode (absent = the converter has no int8 lowering for it and refuses).
 */
import { BuiltinOp, opName, type BuiltinOptions } from '@tflite-lambda/runtime/internal';
import type { Int8Output } from './ir.js';
import type { Emit } from './layers_to_ir.js';
import { ConversionError, type LayerRecord } from './read_layers.js';

/** int8 output parameters per builtin: 'input' = data movement (keeps its input's), 'calibrated' = rescaling kernel. */
const INT8_OUTPUT: Partial<Record<number, Int8Output>> = {
  [BuiltinOp.ADD]: 'calibrated', [BuiltinOp.SUB]: 'calibrated', [BuiltinOp.MUL]: 'calibrated',
  [BuiltinOp.SQUARED_DIFFERENCE]: 'calibrated', [BuiltinOp.BATCH_MATMUL]: 'calibrated', [BuiltinOp.MEAN]: 'calibrated', [BuiltinOp.SUM]: 'calibrated',
  [BuiltinOp.RSQRT]: 'calibrated', [BuiltinOp.ABS]: 'calibrated', [BuiltinOp.LEAKY_RELU]: 'calibrated',
  [BuiltinOp.EXP]: 'calibrated', [BuiltinOp.LOG]: 'calibrated', [BuiltinOp.PRELU]: 'calibrated', [BuiltinOp.ELU]: 'calibrated', [BuiltinOp.GELU]: 'calibrated', [BuiltinOp.HARD_SWISH]: 'calibrated',
  [BuiltinOp.TRANSPOSE]: 'input', [BuiltinOp.PAD]: 'input', [BuiltinOp.SLICE]: 'input', [BuiltinOp.STRIDED_SLICE]: 'input',
  [BuiltinOp.TILE]: 'input', [BuiltinOp.RESIZE_BILINEAR]: 'input', [BuiltinOp.RESIZE_NEAREST_NEIGHBOR]: 'input',
  [BuiltinOp.MAXIMUM]: 'shared', [BuiltinOp.MINIMUM]: 'shared',
  [BuiltinOp.REDUCE_MAX]: 'input', [BuiltinOp.MAX_POOL_2D]: 'input', [BuiltinOp.EXPAND_DIMS]: 'input', [BuiltinOp.SQUEEZE]: 'input',
  // LOG_SOFTMAX's int8 kernel requires output scale 16/256 and zero point 127.
  [BuiltinOp.LOG_SOFTMAX]: { scale: 16 / 256, zeroPoint: 127 },
  [BuiltinOp.LOGISTIC]: { scale: 1 / 256, zeroPoint: -128 }, [BuiltinOp.TANH]: { scale: 1 / 128, zeroPoint: 0 },
};

/** NumPy-style broadcast of two shapes. */
export function broadcastShape(a: number[], b: number[], what: string): number[] {
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = a[a.length - n + i] ?? 1;
    const y = b[b.length - n + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) throw new ConversionError(`${what}: shapes [${a.join(',')}] and [${b.join(',')}] do not broadcast`);
    out.push(Math.max(x, y));
  }
  return out;
}

const ARITHMETIC: Partial<Record<number, 'AddOptions' | 'SubOptions' | 'MulOptions' | 'DivOptions'>> = {
  [BuiltinOp.ADD]: 'AddOptions', [BuiltinOp.SUB]: 'SubOptions', [BuiltinOp.MUL]: 'MulOptions', [BuiltinOp.DIV]: 'DivOptions',
};

/** Per graph and layer, how many tensors lowerings have named: names stay unique and the same on every run. */
const NAMED = new WeakMap<Emit, Map<string, number>>();

export class Lowering {
  constructor(readonly layer: LayerRecord, readonly e: Emit) {}

  /** A fresh tensor name under the layer's. */
  private fresh(tag: string): string {
    const counts = NAMED.get(this.e) ?? new Map<string, number>();
    NAMED.set(this.e, counts);
    const k = counts.get(this.layer.name) ?? 0;
    counts.set(this.layer.name, k + 1);
    return `${this.layer.name}/${tag}_${k}`;
  }

  shape(t: number): number[] {
    return this.e.shapeOf(t);
  }

  /** One builtin op; `name` set = the tensor is named exactly so (a layer's final output keeps the layer name). */
  op(opcode: number, inputs: number[], shape: number[], options: BuiltinOptions | null = null, name?: string): number {
    const out = this.e.tensor(name ?? this.fresh(opName(opcode).toLowerCase()), shape, this.layer.name);
    const int8 = INT8_OUTPUT[opcode];
    this.e.op({ kind: 'builtin', opcode, options, inputs, output: out, ...(int8 !== undefined ? { int8 } : {}) });
    return out;
  }

  floats(values: ArrayLike<number>, shape: number[] = [values.length]): number {
    return this.e.constant(this.fresh('const'), Float32Array.from(values), shape, this.layer.name);
  }

  ints(values: readonly number[], shape: number[] = [values.length]): number {
    return this.e.constant(this.fresh('ints'), Int32Array.from(values), shape, this.layer.name);
  }

  scalar(v: number): number {
    return this.floats([v], [1]);
  }

  unary(opcode: number, x: number, options: BuiltinOptions | null = null): number {
    return this.op(opcode, [x], [...this.shape(x)], options);
  }

  /** ADD/SUB/MUL/DIV (with their options) or another broadcasting binary op (MAXIMUM, SQUARED_DIFFERENCE…). */
  binary(opcode: number, a: number, b: number): number {
    const kind = ARITHMETIC[opcode];
    const options: BuiltinOptions | null = kind ? { kind, fusedActivation: 'NONE', potScaleInt16: true } : null;
    return this.op(opcode, [a, b], broadcastShape(this.shape(a), this.shape(b), `layer '${this.layer.name}'`), options);
  }

  /** RESHAPE through the IR's own reshape op (folding and int8 know it). */
  reshape(x: number, shape: number[]): number {
    const out = this.e.tensor(this.fresh('reshape'), shape, this.layer.name);
    this.e.op({ kind: 'reshape', inputs: [x], output: out });
    return out;
  }

  transpose(x: number, perm: number[]): number {
    const s = this.shape(x);
    return this.op(BuiltinOp.TRANSPOSE, [x, this.ints(perm)], perm.map((p) => s[p]));
  }
}
