/**
 * PAD (float32 and int8) through wasm memory: the reference kernel's plan (common/pad_fill.ts), executed as one
 * native fill of the border value plus one native copy per contiguous run of the input — the innermost axes
 * that carry no padding are merged into a single run (a whole NHWC row when only H and W are padded).
 */
import { BuiltinOp } from '../../core/ops.js';
import { constIntValues } from '../common/const_values.js';
import { defaultPadValue, preparePad } from '../common/pad_fill.js';
import type { KernelRegistration } from '../kernel.js';
import { SLACK, scratchRegion, type WasmContext } from './context.js';
import { inputAddress, OutputStage } from './io.js';
import { simdSupported } from './module.js';

export interface WasmPadPrepared {
  readonly elem: 'f32' | 'i8';
  readonly value: number;
  readonly inElems: number;
  readonly outElems: number;
  readonly runElems: number;
  /** Output element offset of each run, in input order. */
  readonly runOffsets: Int32Array;
  readonly inBytes: number;
  readonly stage: OutputStage;
}

function runsOf(inputShape: readonly number[], outStrides: readonly number[], offset: number, paddings: readonly number[]) {
  let k = inputShape.length - 1;
  while (k > 0 && paddings[2 * k] === 0 && paddings[2 * k + 1] === 0) k--;
  const runElems = inputShape.slice(k).reduce((a, b) => a * b, 1);
  const outer = inputShape.slice(0, k);
  const count = outer.reduce((a, b) => a * b, 1);
  const runOffsets = new Int32Array(count);
  for (let r = 0; r < count; r++) {
    let rest = r;
    let pos = offset;
    for (let i = outer.length - 1; i >= 0; i--) {
      pos += (rest % outer[i]!) * outStrides[i]!;
      rest = Math.floor(rest / outer[i]!);
    }
    runOffsets[r] = pos;
  }
  return { runElems, runOffsets };
}

function run(ctx: WasmContext, d: WasmPadPrepared, inAt: number, outAt: number): void {
  const shift = d.elem === 'f32' ? 2 : 0;
  if (d.elem === 'f32') ctx.f32.fill(d.value, outAt >>> 2, (outAt >>> 2) + d.outElems);
  else ctx.i8.fill(d.value, outAt, outAt + d.outElems);
  const runBytes = d.runElems << shift;
  const u8 = ctx.u8;
  for (let r = 0, src = inAt; r < d.runOffsets.length; r++, src += runBytes) {
    u8.copyWithin(outAt + (d.runOffsets[r]! << shift), src, src + runBytes);
  }
}

export const PAD_WASM_KERNEL: KernelRegistration<null, WasmPadPrepared> = {
  op: BuiltinOp.PAD,
  name: 'PAD (float32/int8, wasm memory)',
  simd: true,
  parseOptions: () => null,
  supports: (node) => {
    const [input, paddings] = node.inputs;
    const out = node.outputs[0];
    return simdSupported() && !!input && !!out && (input.dtype === 'float32' || input.dtype === 'int8') &&
      out.dtype === input.dtype && !!paddings?.isConstant && input.shape.length >= 1;
  },
  prepare: (node) => {
    const plan = preparePad(node);
    const input = node.inputs[0]!;
    const output = node.outputs[0]!;
    const paddings = constIntValues(node, node.inputs[1]!, 'paddings input');
    const elem = input.dtype === 'float32' ? 'f32' : 'i8';
    const bytes = elem === 'f32' ? 4 : 1;
    const inElems = plan.inputShape.reduce((a, b) => a * b, 1);
    const outElems = output.shape.reduce((a, b) => a * b, 1);
    const { runElems, runOffsets } = runsOf(plan.inputShape, plan.outStrides, plan.offset, paddings);
    const inBytes = scratchRegion(inElems * bytes);
    node.wasm.reserveScratch(inBytes + outElems * bytes + SLACK);
    return {
      elem, value: Number(defaultPadValue(output)), inElems, outElems, runElems, runOffsets, inBytes,
      stage: new OutputStage(elem, outElems),
    };
  },
  eval: (node, d) => {
    const ctx = node.wasm;
    const base = ctx.scratch;
    const out = node.outputs[0]!.data as Float32Array | Int8Array;
    const inAt = inputAddress(ctx, node.inputs[0]!.data as Float32Array | Int8Array, base, d.elem);
    const outAt = d.stage.address(ctx, out, base + d.inBytes);
    run(ctx, d, inAt, outAt);
    d.stage.finish(ctx, out, outAt);
  },
};
