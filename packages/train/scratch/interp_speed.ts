import { readFileSync } from 'node:fs';
import { Interpreter } from '@tflite-lambda/runtime';
for (const f of ['/tmp/p8/run2/model.tflite', '/tmp/p8/run2/model.int8.tflite']) {
  const it = Interpreter.loadSync(readFileSync(f));
  it.allocateTensors();
  const x = new Uint8Array(784).fill(100);
  const t0 = performance.now();
  for (let i = 0; i < 50; i++) { it.setTensor(0, x); it.invoke(); }
  console.log(f, ((performance.now() - t0) / 50).toFixed(2), 'ms/inference');
}
