/**
 * The graph's inputs and outputs, and the calibration view of its inputs (name, shape with batch 1, element
 * type): the one place calibration, the report and the emitter ask the IR what a sample must look like.
 */
import type { IrGraph } from './ir.js';
import type { InputSpec } from './calibration/samples.js';

export function graphInputs(g: IrGraph): readonly number[] {
  return g.inputs;
}

export function graphOutputs(g: IrGraph): readonly number[] {
  return g.outputs;
}

export function graphInputSpecs(g: IrGraph): InputSpec[] {
  return graphInputs(g).map((t) => ({ name: g.tensors[t].name, shape: [...g.tensors[t].shape], dtype: g.tensors[t].dtype }));
}
