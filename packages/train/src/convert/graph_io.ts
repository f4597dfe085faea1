/**
 * The graph's inputs and outputs as lists, so calibration, the report and the emitter are written for
 * multi-input models already: the IR holds one input and one output today (the multi-input IR from the
 * conv-layers branch gives `inputs[]`/`outputs[]`; only these two functions change with it).
 */
import type { IrGraph } from './ir.js';
import type { InputSpec } from './calibration/samples.js';

export function graphInputs(g: IrGraph): readonly number[] {
  return [g.input];
}

export function graphOutputs(g: IrGraph): readonly number[] {
  return [g.output];
}

/** The calibration view of the graph's inputs: name, shape (batch 1) and element type. */
export function graphInputSpecs(g: IrGraph): InputSpec[] {
  return graphInputs(g).map((t) => ({ name: g.tensors[t].name, shape: [...g.tensors[t].shape], dtype: 'float32' }));
}
