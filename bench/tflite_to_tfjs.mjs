// Builds a TensorFlow.js forward function from a .tflite file: the same operators, in the same order, with
// the same weights (int8 weights dequantized; int8 activations run in float). Covers the ops of the bench
// models; anything else is an error naming the op.
import { BuiltinOp, opName, readModel } from '@tflite-lambda/runtime';

const CTOR = { float32: Float32Array, int32: Int32Array, int8: Int8Array, uint8: Uint8Array, int64: BigInt64Array };

function constantValues(t) {
  const Ctor = CTOR[t.dtype];
  const raw = new Ctor(t.data.buffer.slice(t.data.byteOffset, t.data.byteOffset + t.data.byteLength));
  if (t.dtype === 'int64') return Int32Array.from(raw, Number);
  const q = t.quantization;
  if (!q || t.dtype === 'float32' || t.dtype === 'int32' && q.scale.length === 0) return raw;
  if (t.dtype === 'int32') return Float32Array.from(raw, (v, i) => v * q.scale[q.scale.length > 1 ? i : 0]);
  // Per-channel dequantization along quantizedDimension.
  const inner = t.shape.slice(q.quantizedDimension + 1).reduce((a, b) => a * b, 1);
  const channels = t.shape[q.quantizedDimension] ?? 1;
  return Float32Array.from(raw, (v, i) => {
    const c = q.scale.length > 1 ? Math.floor(i / inner) % channels : 0;
    return (v - (q.zeroPoint[c] ?? 0)) * q.scale[c];
  });
}

function activation(tf, x, act) {
  switch (act) {
    case 'NONE': return x;
    case 'RELU': return tf.relu(x);
    case 'RELU6': return tf.relu6(x);
    case 'RELU_N1_TO_1': return tf.clipByValue(x, -1, 1);
    default: throw new Error(`activation ${act}`);
  }
}

const pad = (o) => o.padding.toLowerCase();

export function buildTfjsModel(tf, bytes) {
  const sg = readModel(bytes).subgraphs[0];
  const consts = new Map();
  const constant = (i) => {
    if (!consts.has(i)) {
      const t = sg.tensors[i];
      const v = constantValues(t);
      consts.set(i, { values: v, tensor: tf.keep(tf.tensor(v instanceof Int32Array ? v : Float32Array.from(v), [...t.shape], v instanceof Int32Array ? 'int32' : 'float32')) });
    }
    return consts.get(i);
  };
  // Weights converted once to tf layouts (HWIO filters, [fH, fW, C, multiplier] depthwise filters).
  const prepared = sg.operators.map((op) => {
    const w = op.inputs[1] >= 0 && sg.tensors[op.inputs[1]].data ? constant(op.inputs[1]).tensor : null;
    const bias = op.inputs[2] >= 0 && op.inputs[2] !== undefined ? constant(op.inputs[2]).tensor : null;
    if (op.opcode === BuiltinOp.CONV_2D) return { w: tf.keep(tf.transpose(w, [1, 2, 3, 0])), bias };
    if (op.opcode === BuiltinOp.DEPTHWISE_CONV_2D) {
      const [, fh, fw, outC] = w.shape;
      const inC = sg.tensors[op.inputs[0]].shape[3];
      return { w: tf.keep(tf.reshape(w, [fh, fw, inC, outC / inC])), bias };
    }
    return { w, bias };
  });
  const inputDesc = sg.tensors[sg.inputs[0]];
  const iq = inputDesc.quantization;
  return {
    predict(data) {
      const values = new Map();
      let x = tf.tensor(Float32Array.from(data), [...inputDesc.shape]);
      if (iq && inputDesc.dtype !== 'float32') x = tf.mul(tf.sub(x, iq.zeroPoint[0]), iq.scale[0]);
      values.set(sg.inputs[0], x);
      const get = (i) => values.get(i) ?? constant(i).tensor;
      sg.operators.forEach((op, k) => {
        const o = op.options;
        const a = get(op.inputs[0]);
        const { w, bias } = prepared[k];
        let y;
        switch (op.opcode) {
          case BuiltinOp.CONV_2D:
            y = tf.conv2d(a, w, [o.strideH, o.strideW], pad(o), 'NHWC', [o.dilationH, o.dilationW]);
            y = activation(tf, bias ? tf.add(y, bias) : y, o.fusedActivation);
            break;
          case BuiltinOp.DEPTHWISE_CONV_2D:
            y = tf.depthwiseConv2d(a, w, [o.strideH, o.strideW], pad(o), 'NHWC', [o.dilationH, o.dilationW]);
            y = activation(tf, bias ? tf.add(y, bias) : y, o.fusedActivation);
            break;
          case BuiltinOp.FULLY_CONNECTED: {
            const act = o?.fusedActivation ?? 'NONE';
            y = tf.matMul(tf.reshape(a, [-1, w.shape[1]]), w, false, true);
            y = activation(tf, bias ? tf.add(y, bias) : y, act);
            break;
          }
          case BuiltinOp.MAX_POOL_2D:
            y = activation(tf, tf.maxPool(a, [o.filterHeight, o.filterWidth], [o.strideH, o.strideW], pad(o)), o.fusedActivation);
            break;
          case BuiltinOp.AVERAGE_POOL_2D:
            y = activation(tf, tf.avgPool(a, [o.filterHeight, o.filterWidth], [o.strideH, o.strideW], pad(o)), o.fusedActivation);
            break;
          case BuiltinOp.RESHAPE:
            y = tf.reshape(a, [...sg.tensors[op.outputs[0]].shape]);
            break;
          case BuiltinOp.SOFTMAX:
            y = tf.softmax(o && o.beta !== 1 ? tf.mul(a, o.beta) : a);
            break;
          case BuiltinOp.ADD:
            y = activation(tf, tf.add(a, get(op.inputs[1])), o?.fusedActivation ?? 'NONE');
            break;
          case BuiltinOp.MEAN:
            y = tf.mean(a, Array.from(constant(op.inputs[1]).values), o?.keepDims ?? false);
            break;
          case BuiltinOp.PAD: {
            const p = constant(op.inputs[1]).values;
            y = tf.pad(a, Array.from({ length: p.length / 2 }, (_, i) => [p[2 * i], p[2 * i + 1]]));
            break;
          }
          case BuiltinOp.TRANSPOSE:
            y = tf.transpose(a, Array.from(constant(op.inputs[1]).values));
            break;
          case BuiltinOp.QUANTIZE:
          case BuiltinOp.DEQUANTIZE:
            y = a;
            break;
          default:
            throw new Error(`tflite_to_tfjs: no translation for ${opName(op.opcode)}`);
        }
        values.set(op.outputs[0], y);
      });
      return values.get(sg.outputs[0]);
    },
  };
}
