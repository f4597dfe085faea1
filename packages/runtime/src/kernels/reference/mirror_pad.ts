/**
 * MIRROR_PAD (every dtype): pads each axis with a mirror image of the input. REFLECT mirrors around the
 * border element ([1,2,3] padded by 2 → 3,2,1,2,3,2,1); SYMMETRIC repeats it (→ 2,1,1,2,3,3,2). Paddings are
 * a constant [rank, 2] tensor, at most extent − 1 (REFLECT) or extent (SYMMETRIC) per side.
 */
import { BuiltinOp } from '../../core/ops.js';
import type { BuiltinOptions, MirrorPadOptions } from '../../core/options.js';
import { stridesOf } from '../../core/shape.js';
import { constIntValues } from '../common/const_values.js';
import { elementsOf, type Elements } from '../common/elements.js';
import { expectSameDType } from '../common/layout_checks.js';
import { requireInput, requireOutput, shapeError } from '../common/node_checks.js';
import { optionsOrDefault } from '../common/options.js';
import type { KernelRegistration } from '../kernel.js';

interface MirrorPadPlan {
  /** Per axis: for each output position, the input element offset (index × stride). */
  readonly sources: readonly Int32Array[];
}

/** Input index for output position `p` along an axis of `n` elements padded by `before`. */
export function mirrorIndex(p: number, before: number, n: number, mode: MirrorPadOptions['mode']): number {
  const x = p - before;
  const offset = mode === 'REFLECT' ? 0 : 1;
  if (x < 0) return -x - offset;
  if (x >= n) return 2 * n - 2 - x + offset;
  return x;
}

export const MIRROR_PAD_KERNEL: KernelRegistration<MirrorPadOptions, MirrorPadPlan> = {
  op: BuiltinOp.MIRROR_PAD,
  name: 'MIRROR_PAD (all dtypes, reference)',
  parseOptions: (raw: BuiltinOptions | null) => optionsOrDefault(raw, ['MirrorPadOptions'], { kind: 'MirrorPadOptions', mode: 'REFLECT' }),
  prepare(node) {
    const input = requireInput(node, 0);
    const output = requireOutput(node, 0);
    expectSameDType(node, input, output);
    const rank = input.shape.length;
    const pads = constIntValues(node, requireInput(node, 1), 'paddings input');
    if (pads.length !== 2 * rank) throw shapeError(node, `paddings [${pads}] do not fit rank ${rank}`);
    const mode = node.options.mode;
    const strides = stridesOf(input.shape);
    const sources = input.shape.map((n, d) => {
      const before = pads[2 * d]!;
      const after = pads[2 * d + 1]!;
      const limit = mode === 'REFLECT' ? n - 1 : n;
      if (before < 0 || after < 0 || before > limit || after > limit) {
        throw shapeError(node, `paddings ${before},${after} on axis ${d} exceed ${limit} for ${mode} mode`);
      }
      return Int32Array.from({ length: n + before + after }, (_, p) => mirrorIndex(p, before, n, mode) * strides[d]!);
    });
    output.shape = sources.map((s) => s.length);
    return { sources };
  },
  eval(node, plan) {
    const out = elementsOf(node.outputs[0]!.data);
    if (out.length === 0) return;
    const input = elementsOf(node.inputs[0]!.data);
    if (plan.sources.length === 0) out[0] = input[0]!;
    else copyMirrored(out, 0, input, 0, plan.sources, 0);
  },
};

function copyMirrored(out: Elements, o: number, input: Elements, base: number, sources: readonly Int32Array[], d: number): number {
  const src = sources[d]!;
  if (d === sources.length - 1) {
    for (let p = 0; p < src.length; p++) out[o++] = input[base + src[p]!]!;
    return o;
  }
  for (let p = 0; p < src.length; p++) o = copyMirrored(out, o, input, base + src[p]!, sources, d + 1);
  return o;
}
