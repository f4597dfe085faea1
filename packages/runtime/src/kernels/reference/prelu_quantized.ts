/**
 * PRELU for int8 and uint8 (TFLite's reference BroadcastPrelu4D): with x = q − x_zp, a non-negative x is
 * rescaled by in/out, a negative one multiplied by (α − α_zp) and rescaled by in·α/out; both offset by the
 * output zero point and clamped. α broadcasts against the input.
 */
import { BuiltinOp } from '../../core/ops.js';
import { planNodeBroadcast, runBinary, type BinaryPlan, type BinaryRow } from '../common/binary_broadcast.js';
import { multiplyByQuantizedMultiplier } from '../common/fixed_point.js';
import { expectDType, requireInput, requireOutput } from '../common/node_checks.js';
import { quantizeMultiplier, requireScale, tensorZeroPoint } from '../common/quantization.js';
import { intRange } from '../../core/dtype.js';
import type { KernelRegistration, NodeSignature } from '../kernel.js';

type Q8 = Int8Array | Uint8Array;

interface PreluQuantizedData {
  readonly plan: BinaryPlan;
  /** Built once at prepare, closing over the node's quantization parameters. */
  readonly row: BinaryRow<Q8>;
}

function supports(node: NodeSignature): boolean {
  const x = node.inputs[0];
  const alpha = node.inputs[1];
  const out = node.outputs[0];
  return (x?.dtype === 'int8' || x?.dtype === 'uint8') && alpha?.dtype === x.dtype && out?.dtype === x.dtype;
}

export const PRELU_QUANTIZED_KERNEL: KernelRegistration<null, PreluQuantizedData> = {
  op: BuiltinOp.PRELU,
  name: 'PRELU (int8/uint8, reference)',
  parseOptions: () => null,
  supports,
  prepare(node) {
    const input = requireInput(node, 0);
    const alpha = requireInput(node, 1);
    const output = requireOutput(node, 0);
    expectDType(node, input, ['int8', 'uint8'], 'input');
    expectDType(node, alpha, [input.dtype], 'alpha');
    expectDType(node, output, [input.dtype], 'output');
    const plan = planNodeBroadcast(node, input, alpha, output);
    const inScale = requireScale(node, input);
    const alphaScale = requireScale(node, alpha);
    const outScale = requireScale(node, output);
    const m1 = quantizeMultiplier(inScale / outScale);
    const m2 = quantizeMultiplier((inScale * alphaScale) / outScale);
    const inZp = tensorZeroPoint(input);
    const alphaZp = tensorZeroPoint(alpha);
    const outZp = tensorZeroPoint(output);
    const { min, max } = intRange(output.dtype as 'int8' | 'uint8');
    const row: BinaryRow<Q8> = (a, ai, as, b, bi, bs, out, oi, n) => {
      for (let i = 0; i < n; i++) {
        const x = a[ai + i * as]! - inZp;
        const scaled = x >= 0
          ? multiplyByQuantizedMultiplier(x, m1.multiplier, m1.shift)
          : multiplyByQuantizedMultiplier(x * (b[bi + i * bs]! - alphaZp), m2.multiplier, m2.shift);
        const v = scaled + outZp;
        out[oi + i] = v < min ? min : v > max ? max : v;
      }
    };
    return { plan, row };
  },
  eval(node, d) {
    runBinary<Q8>(d.plan, node.inputs[0]!.data as Q8, node.inputs[1]!.data as Q8, node.outputs[0]!.data as Q8, d.row);
  },
};
