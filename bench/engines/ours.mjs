// Our runtime: the default resolver (WebAssembly SIMD kernels where they apply, TypeScript elsewhere).
import { Interpreter } from '@tflite-lambda/runtime';

export const name = 'ours';

export async function create(modelBytes) {
  const it = await Interpreter.load(modelBytes);
  it.allocateTensors();
  const input = it.getInputDetails()[0];
  const output = it.getOutputDetails()[0];
  return {
    run(data) {
      it.setTensor(input.index, data);
      it.invoke();
      return it.getTensor(output.index);
    },
  };
}
