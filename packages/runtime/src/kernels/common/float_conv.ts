/**
 * The float32 (and hybrid int8-weight) side of CONV_2D and DEPTHWISE_CONV_2D: the same tensor checks, bias
 * check, fused-activation range and hybrid scratch for both ops; only the geometry and the loop differ.
 */
import type { FusedActivation } from '../../core/options.js';
import type { NodeContext } from '../kernel.js';
import { nodeActivationRange } from './activation.js';
import type { ConvGeometryBase } from './conv_geometry.js';
import { dequantizeWeights, fakeQuantizeRowsInt8, isHybridWeight } from './hybrid.js';
import { expectDType, optionalInput, requireInput, requireOutput, shapeError } from './node_checks.js';

export interface FloatConvPrepared<G> {
  readonly geometry: G;
  /** Hybrid only: the dequantized filter, and room for the int8-snapped input. */
  readonly hybrid: { readonly filter: Float32Array; readonly input: Float32Array } | null;
}

/** A float convolution's inner loop: (input, filter, bias, output, geometry). */
export type FloatConvFn<G> = (
  input: Float32Array, filter: Float32Array, bias: Float32Array | null, output: Float32Array, g: G,
) => void;

/**
 * Checks float32 input/output (filter float32 or hybrid int8), takes the geometry (which sets the output
 * shape), checks an optional float32 bias of `outC` values and adds the fused-activation range.
 */
export function prepareFloatConv<O extends { readonly fusedActivation: FusedActivation }, G extends ConvGeometryBase>(
  node: NodeContext<O>,
  geometryOf: (node: NodeContext<O>) => G,
  outChannels: (g: G) => number,
): FloatConvPrepared<G> {
  const input = requireInput(node, 0);
  const filter = requireInput(node, 1);
  const output = requireOutput(node, 0);
  for (const [t, what] of [[input, 'input'], [output, 'output']] as const) expectDType(node, t, ['float32'], what);
  if (!isHybridWeight(filter)) expectDType(node, filter, ['float32'], 'filter');
  const shape = geometryOf(node);
  const outC = outChannels(shape);
  const bias = optionalInput(node, 2);
  if (bias) {
    expectDType(node, bias, ['float32'], 'bias');
    if (bias.shape.length !== 1 || bias.shape[0] !== outC) {
      throw shapeError(node, `bias shape [${bias.shape.join(',')}] does not match ${outC} output channels`);
    }
  }
  const { min, max } = nodeActivationRange(node, node.options.fusedActivation);
  const geometry: G = { ...shape, actMin: min, actMax: max };
  const hybrid = isHybridWeight(filter)
    ? { filter: dequantizeWeights(node, filter), input: new Float32Array(shape.batches * shape.inH * shape.inW * shape.inC) }
    : null;
  return { geometry, hybrid };
}

/** Runs `conv` on the node's tensors; a hybrid node's input is first snapped to its int8 grid. */
export function evalFloatConv<O, G extends ConvGeometryBase>(
  node: NodeContext<O>,
  { geometry: g, hybrid }: FloatConvPrepared<G>,
  conv: FloatConvFn<G>,
): void {
  const bias = node.inputs[2];
  let input = node.inputs[0]!.data as Float32Array;
  if (hybrid) {
    // One int8 grid per image, as LiteRT's dynamic quantization does.
    fakeQuantizeRowsInt8(input, hybrid.input, g.batches, g.inH * g.inW * g.inC);
    input = hybrid.input;
  }
  conv(
    input,
    hybrid ? hybrid.filter : (node.inputs[1]!.data as Float32Array),
    bias ? (bias.data as Float32Array) : null,
    node.outputs[0]!.data as Float32Array,
    g,
  );
}
