/** Runs one corpus case on our Interpreter: the step both conformance suites (shared and wild) share. */
import assert from 'node:assert/strict';
import type { Interpreter } from '@tflite-lambda/runtime';
import { describeTensor, numericValue, type HostTensor } from '../litert/host_tensor.js';
import type { CorpusCase } from '../corpus/corpus_json.js';

/** Sets the case's inputs (resizing when its shapes differ from the current ones), invokes, reads outputs. */
export function runCase(interpreter: Interpreter, c: CorpusCase): HostTensor[] {
  const inputs = interpreter.getInputDetails();
  assert.equal(inputs.length, c.inputs.length, 'number of inputs');
  let resized = false;
  inputs.forEach((d, k) => {
    assert.equal(d.dtype, c.inputs[k].dtype, `input ${k} dtype`);
    if (describeTensor(d) !== describeTensor(c.inputs[k])) {
      interpreter.resizeInputTensor(d.index, [...c.inputs[k].shape]);
      resized = true;
    }
  });
  if (resized) interpreter.allocateTensors();
  inputs.forEach((d, k) => { interpreter.setTensor(d.index, c.inputs[k].data); });
  interpreter.invoke();
  return interpreter.getOutputDetails().map((d) => ({
    dtype: d.dtype,
    shape: d.shape,
    data: numericValue(interpreter.getTensor(d.index), `output '${d.name}'`),
  }));
}
