/**
 * What the bidirectional sequence ops do with an auxiliary input (TFLite's "stacking" modes): with auxiliary
 * weights, both directions add the auxiliary input through them (cross-linked stacking); without, a present
 * auxiliary input replaces the input of the backward direction (stacking without cross links). TFLite's LSTM
 * steps through the auxiliary input with the input's row size (reading the wrong rows, or past its end, when
 * the sizes differ); we use the auxiliary input's own, which agrees whenever TFLite's reading is in bounds and
 * the sizes are equal.
 */
import { shapeError } from '../common/node_checks.js';
import type { NodeContext } from '../kernel.js';

export interface BidirectionalInputs {
  /** Node input index the backward direction reads its sequence from. */
  readonly backwardInput: number;
  /** Node input index of the auxiliary input both directions add, or -1. */
  readonly auxInput: number;
  readonly nAux: number;
}

export function bidirectionalInputs(node: NodeContext<unknown>, auxInput: number, fwAuxWeights: number, nInput: number): BidirectionalInputs {
  const aux = node.inputs[auxInput] ?? null;
  const crossLinked = (node.inputs[fwAuxWeights] ?? null) !== null;
  if (!aux) return { backwardInput: 0, auxInput: -1, nAux: 0 };
  const input = node.inputs[0]!;
  if (aux.shape.length !== input.shape.length || aux.shape.slice(0, -1).some((d, i) => d !== input.shape[i])) {
    throw shapeError(node, `auxiliary input [${aux.shape.join(',')}] does not match the input [${input.shape.join(',')}]`);
  }
  if (crossLinked) return { backwardInput: 0, auxInput, nAux: aux.shape[aux.shape.length - 1]! };
  if (aux.shape[aux.shape.length - 1] !== nInput) throw shapeError(node, 'without auxiliary weights the auxiliary input must match the input');
  return { backwardInput: auxInput, auxInput: -1, nAux: 0 };
}
