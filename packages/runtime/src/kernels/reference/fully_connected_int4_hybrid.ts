/**
 * Dynamic-range FULLY_CONNECTED over INT4 weights (float32 input and output; the weights reach kernels
 * unpacked to int8). XNNPACK does not take INT4 weights, so TFLite runs such a node on its builtin hybrid
 * kernel, which quantizes each input row as asymmetric_quantize_inputs says — symmetrically (scale
 * max|x| / 127) when false, asymmetrically when true — where the int8-weight hybrid kernel follows XNNPACK
 * (always asymmetric). Registered after that kernel, for the nodes whose weights the model stores as INT4.
 */
import { BuiltinOp } from '../../core/ops.js';
import type { FullyConnectedOptions } from '../../core/options.js';
import { nodeActivationRange } from '../common/activation.js';
import { FULLY_CONNECTED_DEFAULTS, fullyConnectedShape } from '../common/fully_connected_shape.js';
import { quantizeRowAsymmetric, quantizeRowSymmetric } from '../common/hybrid_quantize.js';
import { requireInput } from '../common/node_checks.js';
import { optionsOrDefault } from '../common/options.js';
import type { KernelRegistration } from '../kernel.js';
import { fullyConnectedHybrid } from '../quantized/hybrid_dense.js';
import { hybridInputPlan, hybridWeights, isHybridNode } from '../quantized/hybrid_conv.js';

type HybridFullyConnectedData = Parameters<typeof fullyConnectedHybrid>[2];

export const FULLY_CONNECTED_INT4_HYBRID_KERNEL: KernelRegistration<FullyConnectedOptions, HybridFullyConnectedData> = {
  op: BuiltinOp.FULLY_CONNECTED,
  name: 'FULLY_CONNECTED (hybrid INT4 weights, TFLite builtin quantization)',
  parseOptions: (raw) => optionsOrDefault(raw, ['FullyConnectedOptions'], FULLY_CONNECTED_DEFAULTS),
  supports: (node) => isHybridNode(node) && node.inputs[1]?.storedAsInt4 === true,
  prepare(node) {
    const { batches, depth, units } = fullyConnectedShape(node);
    const { min, max } = nodeActivationRange(node, node.options.fusedActivation);
    const quantizer = node.options.asymmetricQuantizeInputs ? quantizeRowAsymmetric : quantizeRowSymmetric;
    return {
      units, depth, input: hybridInputPlan(quantizer, batches, depth),
      w: hybridWeights(node, requireInput(node, 1), units, { input: 0, bias: 2, channelAxis: 0 }), actMin: min, actMax: max,
    };
  },
  eval: (node, d) => fullyConnectedHybrid(node.inputs[0]!.data as Float32Array, node.outputs[0]!.data as Float32Array, d),
};
