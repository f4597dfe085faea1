// Our runtime: the default resolver (WebAssembly SIMD kernels where they apply, TypeScript elsewhere).
import { Interpreter } from '@tflite-lambda/runtime';

export const name = 'ours';

/** A loaded model: `run(inputs)` takes every input in subgraph order and returns every output. */
export async function createSession(modelBytes) {
  const it = await Interpreter.load(modelBytes);
  it.allocateTensors();
  const inputs = it.getInputDetails().map((d) => d.index);
  const outputs = it.getOutputDetails().map((d) => d.index);
  return {
    run(data) {
      for (let i = 0; i < inputs.length; i++) it.setTensor(inputs[i], data[i]);
      it.invoke();
      return outputs.map((o) => it.getTensor(o));
    },
  };
}

/** The one-input, first-output form the cold/warm bench uses. */
export async function create(modelBytes) {
  const s = await createSession(modelBytes);
  return { run: (data) => s.run([data])[0] };
}
