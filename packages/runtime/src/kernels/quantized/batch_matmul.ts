/**
 * BATCH_MATMUL int8 and int16 (both operands quantized per tensor) as TFLite's builtin kernel: exact integer
 * sums Σ (lhs − lhs_zp)·(rhs − rhs_zp), requantized by lhs·rhs/output scale (a double product) — int8 with
 * the 32-bit MultiplyByQuantizedMultiplier, int16 (zero points 0, int64 sums) with the 64-bit one — plus the
 * output zero point, clamped to the type. No fused activation.
 */
import { intRange } from '../../core/dtype.js';
import { BuiltinOp } from '../../core/ops.js';
import type { BatchMatMulOptions } from '../../core/options.js';
import { multiplyByQuantizedMultiplier, multiplyByQuantizedMultiplier64 } from '../common/fixed_point.js';
import { requireInput, requireOutput, unsupported } from '../common/node_checks.js';
import { quantizeMultiplier, requireScale, tensorZeroPoint } from '../common/quantization.js';
import { matmulWork } from '../common/work.js';
import type { KernelRegistration, NodeSignature } from '../kernel.js';
import { batchMatMulGeometry, parseBatchMatMulOptions, type BatchMatMulGeometry } from '../reference/batch_matmul.js';

interface QuantizedBatchMatMulData {
  readonly g: BatchMatMulGeometry;
  readonly lhsOffset: number;
  readonly rhsOffset: number;
  readonly outZp: number;
  readonly multiplier: number;
  readonly shift: number;
  readonly wide: boolean;
  readonly min: number;
  readonly max: number;
}

type Codes = Int8Array | Int16Array;

function supports(node: NodeSignature): boolean {
  const [lhs, rhs] = node.inputs;
  const out = node.outputs[0];
  if (!lhs || !rhs || !out || (lhs.dtype !== 'int8' && lhs.dtype !== 'int16')) return false;
  const perTensor = (t: typeof lhs): boolean => t.quantization?.scale.length === 1;
  return rhs.dtype === lhs.dtype && out.dtype === lhs.dtype && perTensor(lhs) && perTensor(rhs) && perTensor(out);
}

export const BATCH_MATMUL_QUANTIZED_KERNEL: KernelRegistration<BatchMatMulOptions, QuantizedBatchMatMulData> = {
  op: BuiltinOp.BATCH_MATMUL,
  name: 'BATCH_MATMUL (int8/int16, reference)',
  parseOptions: parseBatchMatMulOptions,
  supports,
  prepare(node) {
    const lhs = requireInput(node, 0);
    const rhs = requireInput(node, 1);
    const out = requireOutput(node, 0);
    const wide = lhs.dtype === 'int16';
    const zps = [tensorZeroPoint(lhs), tensorZeroPoint(rhs), tensorZeroPoint(out)];
    if (wide && zps.some((z) => z !== 0)) throw unsupported(node, 'int16 needs zero points 0');
    const { multiplier, shift } = quantizeMultiplier((requireScale(node, lhs) * requireScale(node, rhs)) / requireScale(node, out));
    const { min, max } = intRange(lhs.dtype as 'int8' | 'int16');
    return {
      g: batchMatMulGeometry(node), lhsOffset: -zps[0]!, rhsOffset: -zps[1]!, outZp: zps[2]!, multiplier, shift, wide, min, max,
    };
  },
  eval(node, d) {
    const lhs = node.inputs[0]!.data as Codes;
    const rhs = node.inputs[1]!.data as Codes;
    const output = node.outputs[0]!.data as Codes;
    const { m, n, k, lhsRowStride, lhsDepthStride, rhsDepthStride, rhsColStride } = d.g;
    let o = 0;
    for (let b = 0; b < d.g.lhsOffsets.length; b++) {
      const lBase = d.g.lhsOffsets[b]!;
      const rBase = d.g.rhsOffsets[b]!;
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < n; j++, o++) {
          let acc = 0;
          let l = lBase + i * lhsRowStride;
          let r = rBase + j * rhsColStride;
          for (let t = 0; t < k; t++, l += lhsDepthStride, r += rhsDepthStride) acc += (lhs[l]! + d.lhsOffset) * (rhs[r]! + d.rhsOffset);
          const scaled = d.wide
            ? multiplyByQuantizedMultiplier64(acc, d.multiplier, d.shift)
            : multiplyByQuantizedMultiplier(acc | 0, d.multiplier, d.shift);
          const v = scaled + d.outZp;
          output[o] = v < d.min ? d.min : v > d.max ? d.max : v;
        }
      }
    }
  },
  work: (node) => {
    const lhs = node.inputs[0]?.shape ?? [];
    const adjX = node.options?.kind === 'BatchMatMulOptions' && node.options.adjX;
    return matmulWork(node, (adjX ? lhs.at(-2) : lhs.at(-1)) ?? 0);
  },
};
