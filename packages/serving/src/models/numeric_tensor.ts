/**
 * A numeric tensor's current value as the TypedArray its kernels hold. The runtime hands string tensors out
 * as string[] and uint64 ones as BigUint64Array; the tasks and the tensor protocols work on numbers, so a
 * string tensor is refused here with its name, and uint64 is given as the same bits in a BigInt64Array.
 */
import { TensorError, type Interpreter, type TypedArray } from '@tflite-lambda/runtime';

export function numericTensor(interpreter: Pick<Interpreter, 'getTensor'>, index: number, name: string): TypedArray {
  const value = interpreter.getTensor(index);
  if (Array.isArray(value)) throw new TensorError(`tensor '${name}' holds strings; only numeric tensors are served`);
  if (value instanceof BigUint64Array) return new BigInt64Array(value.buffer, value.byteOffset, value.length);
  return value;
}
