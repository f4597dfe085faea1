/**
 * Differential test against LiteRT.js (TFLite + XNNPACK in WebAssembly): single-op quantized models with
 * seeded random shapes, weights, scales and zero points, run through the quantized kernels only and
 * through LiteRT; outputs must agree within the corpus tolerance (one step; two for softmax).
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { DType, TypedArray } from '../../core/dtype.js';
import { BuiltinOp } from '../../core/ops.js';
import type { BuiltinOptions } from '../../core/options.js';
import { Interpreter } from '../../interpreter/interpreter.js';
import { singleOpModel, type BuilderTensor } from '../../schema/builder/index.js';
import { LiteRtOracle } from '@tflite-lambda/testing/litert';
import { qp, qpc, seededRandom } from '@tflite-lambda/testing';
import { OpResolver } from '../resolver.js';
import { QUANTIZED_KERNELS } from './index.js';

const RANGE: Record<string, [number, number]> = { int8: [-128, 127], uint8: [0, 255], int16: [-32768, 32767] };
const rand = seededRandom(2024);
const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));

function values(dtype: DType, n: number, range?: [number, number]): TypedArray {
  if (dtype === 'float32') return Float32Array.from({ length: n }, () => rand() * 6 - 3);
  const [lo, hi] = range ?? RANGE[dtype]!;
  const Ctor = { int8: Int8Array, uint8: Uint8Array, int16: Int16Array, int32: Int32Array }[dtype as 'int8'];
  return Ctor.from({ length: n }, () => int(lo, hi));
}

const size = (shape: number[]): number => shape.reduce((a, b) => a * b, 1);
const act = (dt: string, scale: number): BuilderTensor['quantization'] => qp(scale, dt === 'int16' ? 0 : int(...RANGE[dt]!));

interface Case {
  name: string;
  opcode: number;
  options?: BuiltinOptions;
  inputs: BuilderTensor[];
  output: BuilderTensor;
  tolerance?: number;
}

function convCase(dt: 'int8' | 'uint8' | 'int16', depthwise: boolean): Case {
  const [h, w, c] = [int(5, 9), int(5, 9), int(1, 6)];
  const k = int(1, 3);
  const mult = depthwise ? int(1, 2) : 1;
  const outC = depthwise ? c * mult : int(1, 8);
  const stride = int(1, 2);
  const padding = rand() < 0.5 ? 'SAME' : 'VALID';
  const wdt = dt === 'uint8' ? 'uint8' : 'int8';
  const filterShape = depthwise ? [1, k, k, outC] : [outC, k, k, c];
  const wq = dt === 'uint8' ? qp(0.002 + rand() * 0.02, int(0, 255)) : qpc(Array.from({ length: outC }, () => 0.002 + rand() * 0.02), depthwise ? 3 : 0);
  const inQ = act(dt, 0.01 + rand() * 0.05);
  const common = { padding, strideW: stride, strideH: stride, fusedActivation: rand() < 0.3 ? 'RELU6' : 'NONE', dilationW: 1, dilationH: 1 } as const;
  const outH = padding === 'SAME' ? Math.ceil(h / stride) : Math.ceil((h - k + 1) / stride);
  const outW = padding === 'SAME' ? Math.ceil(w / stride) : Math.ceil((w - k + 1) / stride);
  return {
    name: `${depthwise ? 'DEPTHWISE_CONV_2D' : 'CONV_2D'} ${dt} ${padding} stride ${stride} k${k}${depthwise ? ` ×${mult}` : ''}`,
    opcode: depthwise ? BuiltinOp.DEPTHWISE_CONV_2D : BuiltinOp.CONV_2D,
    options: depthwise ? { kind: 'DepthwiseConv2DOptions', depthMultiplier: mult, ...common } : { kind: 'Conv2DOptions', ...common },
    inputs: [
      { dtype: dt, shape: [1, h, w, c], quantization: inQ },
      { dtype: wdt, shape: filterShape, data: values(wdt, size(filterShape), wdt === 'int8' ? [-127, 127] : undefined), quantization: wq },
      { dtype: dt === 'int16' ? 'int64' : 'int32', shape: [outC], data: dt === 'int16' ? BigInt64Array.from({ length: outC }, () => BigInt(int(-5000, 5000))) : values('int32', outC, [-5000, 5000]) },
    ],
    output: { dtype: dt, shape: [1, outH, outW, outC], quantization: act(dt, 0.1 + rand() * 0.3) },
  };
}

function fcCase(dt: 'int8' | 'uint8' | 'int16'): Case {
  const [batches, depth, units] = [int(1, 3), int(4, 40), int(1, 12)];
  const wdt = dt === 'uint8' ? 'uint8' : 'int8';
  return {
    name: `FULLY_CONNECTED ${dt} ${batches}×${depth}→${units}`,
    opcode: BuiltinOp.FULLY_CONNECTED,
    options: { kind: 'FullyConnectedOptions', fusedActivation: 'NONE', weightsFormat: 'DEFAULT', keepNumDims: false, asymmetricQuantizeInputs: false },
    inputs: [
      { dtype: dt, shape: [batches, depth], quantization: act(dt, 0.02 + rand() * 0.05) },
      { dtype: wdt, shape: [units, depth], data: values(wdt, units * depth, wdt === 'int8' ? [-127, 127] : undefined), quantization: qp(0.003 + rand() * 0.01, wdt === 'uint8' ? int(0, 255) : 0) },
      { dtype: dt === 'int16' ? 'int64' : 'int32', shape: [units], data: dt === 'int16' ? BigInt64Array.from({ length: units }, () => BigInt(int(-3000, 3000))) : values('int32', units, [-3000, 3000]) },
    ],
    output: { dtype: dt, shape: [batches, units], quantization: act(dt, 0.1 + rand() * 0.3) },
  };
}

function binaryCase(op: 'ADD' | 'SUB' | 'MUL', dt: 'int8' | 'uint8' | 'int16'): Case {
  const shape = [int(1, 3), int(1, 5), int(2, 16)];
  const other = rand() < 0.5 ? [shape[2]!] : shape;
  const kind = `${op[0]}${op.slice(1).toLowerCase()}Options` as 'AddOptions';
  return {
    name: `${op} ${dt} [${shape}] with [${other}]`,
    opcode: BuiltinOp[op],
    options: { kind, fusedActivation: 'NONE', potScaleInt16: false },
    inputs: [
      { dtype: dt, shape, quantization: act(dt, dt === 'int16' ? 0.0005 + rand() * 0.001 : 0.02 + rand() * 0.05) },
      { dtype: dt, shape: other, quantization: act(dt, dt === 'int16' ? 0.0005 + rand() * 0.001 : 0.02 + rand() * 0.05) },
    ],
    output: { dtype: dt, shape, quantization: act(dt, dt === 'int16' ? 0.001 + rand() * 0.001 : 0.04 + rand() * 0.05) },
  };
}

function unaryCase(name: string, opcode: number, dt: 'int8' | 'uint8' | 'int16', outQ: BuilderTensor['quantization'], options?: BuiltinOptions, tolerance?: number): Case {
  const shape = [int(1, 4), int(1, 40)];
  return {
    name: `${name} ${dt} [${shape}]`, opcode, options, tolerance,
    inputs: [{ dtype: dt, shape, quantization: act(dt, dt === 'int16' ? 0.0004 : 0.03 + rand() * 0.05) }],
    output: { dtype: dt, shape, quantization: outQ },
  };
}

function cases(): Case[] {
  const list: Case[] = [];
  for (const dt of ['int8', 'uint8', 'int16'] as const) {
    list.push(convCase(dt, false), convCase(dt, true), fcCase(dt), binaryCase('ADD', dt), binaryCase('SUB', dt), binaryCase('MUL', dt));
  }
  for (const dt of ['int8', 'uint8'] as const) {
    const lo = RANGE[dt]![0];
    list.push(
      unaryCase('SOFTMAX', BuiltinOp.SOFTMAX, dt, qp(1 / 256, lo), { kind: 'SoftmaxOptions', beta: 1 }, 2),
      unaryCase('LOGISTIC', BuiltinOp.LOGISTIC, dt, qp(1 / 256, lo)),
      unaryCase('TANH', BuiltinOp.TANH, dt, qp(1 / 128, dt === 'int8' ? 0 : 128)),
      unaryCase('HARD_SWISH', BuiltinOp.HARD_SWISH, dt, act(dt, 0.02 + rand() * 0.04)),
      unaryCase('LEAKY_RELU', BuiltinOp.LEAKY_RELU, dt, act(dt, 0.02 + rand() * 0.04), { kind: 'LeakyReluOptions', alpha: 0.1 + rand() * 0.3 }),
      unaryCase('RELU6', BuiltinOp.RELU6, dt, act(dt, 0.02 + rand() * 0.04)),
      unaryCase('QUANTIZE (requantize)', BuiltinOp.QUANTIZE, dt, act(dt, 0.02 + rand() * 0.04)),
    );
  }
  list.push(unaryCase('LEAKY_RELU', BuiltinOp.LEAKY_RELU, 'int16', qp(0.0005), { kind: 'LeakyReluOptions', alpha: 0.2 }));
  list.push(unaryCase('SOFTMAX', BuiltinOp.SOFTMAX, 'int16', qp(1 / 32768), { kind: 'SoftmaxOptions', beta: 1 }, 2));
  // LiteRT.js's tensor API refuses some odd output sizes ("strides or padding"), so the pools use even ones
  for (const [op, opcode] of [['AVERAGE_POOL_2D', BuiltinOp.AVERAGE_POOL_2D], ['MAX_POOL_2D', BuiltinOp.MAX_POOL_2D]] as const) {
    for (const dt of ['int8', 'uint8'] as const) {
      const q = act(dt, 0.05);
      list.push({
        name: `${op} ${dt} 3x3 SAME`, opcode,
        options: { kind: 'Pool2DOptions', padding: 'SAME', strideW: 1, strideH: 1, filterWidth: 3, filterHeight: 3, fusedActivation: 'NONE' },
        inputs: [{ dtype: dt, shape: [1, 8, 8, 4], quantization: q }], output: { dtype: dt, shape: [1, 8, 8, 4], quantization: q },
      });
    }
  }
  list.push({
    name: 'QUANTIZE float32 → int8', opcode: BuiltinOp.QUANTIZE,
    inputs: [{ dtype: 'float32', shape: [3, 20] }], output: { dtype: 'int8', shape: [3, 20], quantization: qp(0.023, -7) },
  });
  list.push({
    name: 'MEAN int8 over H and W', opcode: BuiltinOp.MEAN, options: { kind: 'ReducerOptions', keepDims: true },
    inputs: [{ dtype: 'int8', shape: [1, 5, 6, 7], quantization: qp(0.05, 3) }, { dtype: 'int32', shape: [2], data: Int32Array.of(1, 2) }],
    output: { dtype: 'int8', shape: [1, 1, 1, 7], quantization: qp(0.02, -4) },
  });
  return list;
}

describe('quantized kernels agree with LiteRT.js on random single-op models', () => {
  let oracle: LiteRtOracle;
  before(async () => {
    oracle = await LiteRtOracle.create();
  });
  const resolver = new OpResolver().add(...QUANTIZED_KERNELS);
  for (const c of cases()) {
    it(c.name, async () => {
      const model = singleOpModel({ opcode: c.opcode, options: c.options ?? null, inputs: c.inputs, outputs: [c.output] });
      const feeds = c.inputs.filter((t) => t.data === undefined).map((t) => ({ dtype: t.dtype, shape: t.shape, data: values(t.dtype, size(t.shape)) }));
      const [expected] = await oracle.run(model, feeds);
      const interpreter = Interpreter.loadSync(model, { resolver });
      interpreter.allocateTensors();
      interpreter.getInputDetails().forEach((d, i) => { interpreter.setTensor(d.index, feeds[i]!.data); });
      interpreter.invoke();
      const got = interpreter.getTensor(interpreter.getOutputDetails()[0]!.index);
      assert.deepEqual(expected!.shape, c.output.shape);
      const tolerance = c.tolerance ?? 1;
      for (let i = 0; i < got.length; i++) {
        const d = Math.abs(Number(got[i]) - Number(expected!.data[i]));
        assert.ok(d <= tolerance, `${c.name}: element ${i} is ${got[i]}, LiteRT ${expected!.data[i]}`);
      }
    });
  }
});
