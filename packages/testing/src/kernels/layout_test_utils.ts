/**
 * Helpers for the layout/reduction/resize kernel tests only: run a single-output kernel and read its result
 * as plain numbers, and N-d index arithmetic for the naive references the tests compute. Not used by kernels.
 */
import type { BuiltinOptions, DType, KernelRegistration, TypedArray } from '@tflite-lambda/runtime/internal';
import { runKernel, type TestOutputSpec, type TestTensorSpec } from './kernel_runner.js';

export interface Result {
  readonly shape: number[];
  readonly values: number[];
  readonly data: TypedArray;
}

/** Plain numbers from any TypedArray (int64 through Number). */
export function toNumbers(data: TypedArray): number[] {
  const out: number[] = [];
  for (let i = 0; i < data.length; i++) out.push(Number(data[i]!));
  return out;
}

/** Runs `reg` and returns every output. */
export function runAll<O, D>(
  reg: KernelRegistration<O, D>,
  inputs: readonly (TestTensorSpec | null)[],
  outputs: readonly TestOutputSpec[],
  options: BuiltinOptions | null = null,
): Result[] {
  return runKernel(reg, { inputs, outputs, options }).map((t) => ({ shape: t.shape, values: toNumbers(t.data), data: t.data }));
}

/** Runs `reg` with one output of `output` (a dtype, or a spec with quantization). */
export function runOne<O, D>(
  reg: KernelRegistration<O, D>,
  inputs: readonly (TestTensorSpec | null)[],
  output: DType | TestOutputSpec,
  options: BuiltinOptions | null = null,
): Result {
  return runAll(reg, inputs, [typeof output === 'string' ? { dtype: output } : output], options)[0]!;
}

/** A constant int32 tensor (shape, axes, paddings...). */
export function constInt32(values: readonly number[], shape: readonly number[] = [values.length]): TestTensorSpec {
  return { dtype: 'int32', shape, data: values, constant: true };
}

/** 0, 1, 2, ... n-1. */
export function iota(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

export function product(shape: readonly number[]): number {
  return shape.reduce((p, d) => p * d, 1);
}

/** The N-d index of flat position `i` in row-major `shape`. */
export function unravel(i: number, shape: readonly number[]): number[] {
  const idx = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) {
    idx[d] = i % shape[d]!;
    i = Math.floor(i / shape[d]!);
  }
  return idx;
}

/** The flat position of N-d `index` in row-major `shape`. */
export function ravel(index: readonly number[], shape: readonly number[]): number {
  return index.reduce((p, v, d) => p * shape[d]! + v, 0);
}
