/**
 * Test support for the inference protocols: small models with known arithmetic, built in code. Not exported
 * from the package index.
 */
import { BuiltinOp } from '@tflite-lambda/runtime';
import { ModelBuilder } from '@tflite-lambda/runtime/builder';

/**
 * output0 = input0 + input1 and output1 = input0 · input1, all float32 [batch, 4]; `dynamicBatch` makes the
 * batch dimension -1 in the shape signature (static shape 1), as converters write Keras models.
 */
export function addMulModel(dynamicBatch = false): Uint8Array {
  const b = new ModelBuilder();
  const t = (name: string) => ({ name, dtype: 'float32' as const, shape: [1, 4], ...(dynamicBatch ? { shapeSignature: [-1, 4] } : {}) });
  const x = b.addInput(t('input0'));
  const y = b.addInput(t('input1'));
  const sum = b.addOutput(t('output0'));
  const product = b.addOutput(t('output1'));
  b.addOperator({ opcode: BuiltinOp.ADD, inputs: [x, y], outputs: [sum], options: { kind: 'AddOptions', fusedActivation: 'NONE', potScaleInt16: true } });
  b.addOperator({ opcode: BuiltinOp.MUL, inputs: [x, y], outputs: [product], options: { kind: 'MulOptions', fusedActivation: 'NONE', potScaleInt16: true } });
  return b.build();
}

/** y = 2·x for int32 x [1, 3]: a one-input, one-output model of another dtype. */
export function doubleInt32Model(): Uint8Array {
  const b = new ModelBuilder();
  const x = b.addInput({ name: 'x', dtype: 'int32', shape: [1, 3] });
  const two = b.addTensor({ name: 'two', dtype: 'int32', shape: [1], data: new Int32Array([2]) });
  const y = b.addOutput({ name: 'y', dtype: 'int32', shape: [1, 3] });
  b.addOperator({ opcode: BuiltinOp.MUL, inputs: [x, two], outputs: [y], options: { kind: 'MulOptions', fusedActivation: 'NONE', potScaleInt16: true } });
  return b.build();
}
