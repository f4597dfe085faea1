import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BuiltinOp, readModel } from '@tflite-lambda/runtime/internal';
import { ModelBuilder } from '@tflite-lambda/runtime/builder';
import { withStaticShapeSignatures } from './static_shapes.js';

function reluModel(signature?: number[]): Uint8Array {
  const m = new ModelBuilder();
  const x = m.addInput({ dtype: 'float32', shape: [1, 4], ...(signature ? { shapeSignature: signature } : {}) });
  const y = m.addOutput({ dtype: 'float32', shape: [1, 4], ...(signature ? { shapeSignature: signature } : {}) });
  m.addOperator({ opcode: BuiltinOp.RELU, inputs: [x], outputs: [y] });
  return m.build();
}

describe('withStaticShapeSignatures', () => {
  it('replaces -1 in shape_signature by the static dimension, in a copy of the same length', () => {
    const original = reluModel([-1, 4]);
    const before = Uint8Array.from(original);
    const fixed = withStaticShapeSignatures(original);
    assert.equal(fixed.byteLength, original.byteLength);
    assert.deepEqual(original, before, 'the input bytes are not modified');
    const tensors = readModel(fixed).subgraphs[0].tensors;
    assert.deepEqual(tensors.map((t) => t.shapeSignature), [[1, 4], [1, 4]]);
    assert.deepEqual(readModel(original).subgraphs[0].tensors[0].shapeSignature, [-1, 4]);
  });

  it('returns the same bytes when no signature has a -1', () => {
    const plain = reluModel();
    assert.equal(withStaticShapeSignatures(plain), plain);
    const fixedSignature = reluModel([1, 4]);
    assert.equal(withStaticShapeSignatures(fixedSignature), fixedSignature);
  });

  it('throws on offsets outside the buffer instead of reading garbage', () => {
    const bytes = reluModel([-1, 4]);
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    view.setUint32(0, bytes.byteLength + 100, true);
    assert.throws(() => withStaticShapeSignatures(bytes), /out of range/);
  });
});
