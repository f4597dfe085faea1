// The bench's own float MobileNet-style model (conv stem, depthwise-separable blocks with RELU6, global
// average pool, dense, softmax), built with our ModelBuilder from seeded random weights.
import { BuiltinOp } from '@tflite-lambda/runtime';
import { ModelBuilder } from '@tflite-lambda/runtime/builder';

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const conv = (padding, stride, act) => ({
  kind: 'Conv2DOptions', padding, strideH: stride, strideW: stride, dilationH: 1, dilationW: 1, fusedActivation: act,
});
const dw = (stride) => ({
  kind: 'DepthwiseConv2DOptions', padding: 'SAME', strideH: stride, strideW: stride, dilationH: 1, dilationW: 1,
  depthMultiplier: 1, fusedActivation: 'RELU6',
});

/** [1,128,128,3] → stem 3×3/2 (32) → 6 separable blocks → mean → dense 10 → softmax. ≈ 75 M multiply-adds. */
export function buildMobilenetStyleFloat() {
  const rand = rng(2024);
  const b = new ModelBuilder();
  const weights = (shape, fanIn) => {
    const n = shape.reduce((a, c) => a * c, 1);
    const s = Math.sqrt(2 / fanIn);
    return b.addTensor({ dtype: 'float32', shape, data: Float32Array.from({ length: n }, () => (rand() * 2 - 1) * s) });
  };
  const bias = (n) => b.addTensor({ dtype: 'float32', shape: [n], data: Float32Array.from({ length: n }, () => (rand() - 0.5) * 0.1) });
  let size = 128;
  let ch = 32;
  let x = b.addInput({ name: 'input', dtype: 'float32', shape: [1, size, size, 3] });
  size /= 2;
  let y = b.addTensor({ dtype: 'float32', shape: [1, size, size, ch] });
  b.addOperator({ opcode: BuiltinOp.CONV_2D, inputs: [x, weights([ch, 3, 3, 3], 27), bias(ch)], outputs: [y], options: conv('SAME', 2, 'RELU6') });
  x = y;
  for (const [out, stride] of [[64, 1], [128, 2], [128, 1], [256, 2], [256, 1], [512, 2]]) {
    size /= stride;
    const d = b.addTensor({ dtype: 'float32', shape: [1, size, size, ch] });
    b.addOperator({ opcode: BuiltinOp.DEPTHWISE_CONV_2D, inputs: [x, weights([1, 3, 3, ch], 9), bias(ch)], outputs: [d], options: dw(stride) });
    y = b.addTensor({ dtype: 'float32', shape: [1, size, size, out] });
    b.addOperator({ opcode: BuiltinOp.CONV_2D, inputs: [d, weights([out, 1, 1, ch], ch), bias(out)], outputs: [y], options: conv('VALID', 1, 'RELU6') });
    x = y;
    ch = out;
  }
  const axes = b.addTensor({ dtype: 'int32', shape: [2], data: Int32Array.from([1, 2]) });
  const pooled = b.addTensor({ dtype: 'float32', shape: [1, ch] });
  b.addOperator({ opcode: BuiltinOp.MEAN, inputs: [x, axes], outputs: [pooled], options: { kind: 'ReducerOptions', keepDims: false } });
  const logits = b.addTensor({ dtype: 'float32', shape: [1, 10] });
  b.addOperator({
    opcode: BuiltinOp.FULLY_CONNECTED, inputs: [pooled, weights([10, ch], ch), bias(10)], outputs: [logits],
    options: { kind: 'FullyConnectedOptions', fusedActivation: 'NONE', weightsFormat: 'DEFAULT', keepNumDims: false, asymmetricQuantizeInputs: false },
  });
  const probs = b.addOutput({ name: 'probabilities', dtype: 'float32', shape: [1, 10] });
  b.addOperator({ opcode: BuiltinOp.SOFTMAX, inputs: [logits], outputs: [probs], options: { kind: 'SoftmaxOptions', beta: 1 } });
  return b.build();
}

/** Multiply-adds of a model's CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED ops (for GFLOP/s). */
export function countMacs(bytes, readModel) {
  const sg = readModel(bytes).subgraphs[0];
  let macs = 0;
  for (const op of sg.operators) {
    const out = sg.tensors[op.outputs[0]].shape;
    const w = op.inputs[1] >= 0 ? sg.tensors[op.inputs[1]].shape : null;
    const outElems = out.reduce((a, c) => a * c, 1);
    if (op.opcode === BuiltinOp.CONV_2D) macs += outElems * w[1] * w[2] * w[3];
    else if (op.opcode === BuiltinOp.DEPTHWISE_CONV_2D) macs += outElems * w[1] * w[2];
    else if (op.opcode === BuiltinOp.FULLY_CONNECTED) macs += outElems * w[1];
  }
  return macs;
}
