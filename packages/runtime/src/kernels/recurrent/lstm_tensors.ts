/**
 * Where an LSTM's tensors sit among its node's inputs (one direction's layout), their validation, and the
 * weight structures the cell math consumes (float, hybrid, integer), built once at prepare. The 24-input
 * layout of LSTM and UNIDIRECTIONAL_SEQUENCE_LSTM is UNIDIRECTIONAL_LAYOUT; BIDIRECTIONAL_SEQUENCE_LSTM has one
 * layout per direction.
 */
import type { DType } from '../../core/dtype.js';
import { formatShape, numElements } from '../../core/shape.js';
import type { FloatGateWeights, FloatLstmWeights, LstmSizes } from '../common/lstm_cell_float.js';
import { hybridMatrix, type HybridGateWeights, type HybridLstmWeights, type HybridMatrix } from '../common/lstm_cell_hybrid.js';
import { isHybridWeight } from '../common/hybrid.js';
import { expectDType, shapeError, unsupported } from '../common/node_checks.js';
import { scaledInt8 } from '../common/recurrent_hybrid.js';
import type { NodeContext, RuntimeTensor } from '../kernel.js';

/** Input indices of one direction; the gate order of every quadruple is input, forget, cell, output. */
export interface LstmLayout {
  readonly inputWeights: readonly [number, number, number, number];
  readonly recurrentWeights: readonly [number, number, number, number];
  /** Peephole weights of the input, forget and output gates. */
  readonly peephole: readonly [number, number, number];
  readonly bias: readonly [number, number, number, number];
  readonly projection: number;
  readonly projectionBias: number;
  readonly outputState: number;
  readonly cellState: number;
  readonly layerNorm: readonly [number, number, number, number] | null;
  readonly auxWeights: readonly [number, number, number, number] | null;
}

export const UNIDIRECTIONAL_LAYOUT: LstmLayout = {
  inputWeights: [1, 2, 3, 4],
  recurrentWeights: [5, 6, 7, 8],
  peephole: [9, 10, 11],
  bias: [12, 13, 14, 15],
  projection: 16,
  projectionBias: 17,
  outputState: 18,
  cellState: 19,
  layerNorm: [20, 21, 22, 23],
  auxWeights: null,
};

type Node = NodeContext<unknown>;
const GATES = ['input', 'forget', 'cell', 'output'] as const;

function at(node: Node, i: number): RuntimeTensor | null {
  return i < node.inputs.length ? node.inputs[i] ?? null : null;
}

function required(node: Node, i: number, what: string): RuntimeTensor {
  const t = at(node, i);
  if (!t) throw shapeError(node, `${what} (input ${i}) is missing`);
  return t;
}

function expectShape(node: Node, t: RuntimeTensor, shape: readonly number[], what: string): void {
  if (t.shape.length !== shape.length || t.shape.some((d, k) => d !== shape[k])) {
    throw shapeError(node, `${what} '${t.name}' has shape ${formatShape(t.shape)}, expected ${formatShape(shape)}`);
  }
}

/** The sizes of one direction, checked against every weight it has. */
export function lstmSizes(node: Node, layout: LstmLayout, batches: number, nInput: number, nAux: number): LstmSizes {
  const outW = required(node, layout.inputWeights[3], 'input_to_output_weights');
  const recW = required(node, layout.recurrentWeights[3], 'recurrent_to_output_weights');
  if (outW.shape.length !== 2 || recW.shape.length !== 2) throw shapeError(node, 'LSTM weights must be rank 2');
  const nCell = outW.shape[0]!;
  const nOutput = recW.shape[1]!;
  const s: LstmSizes = { batches, nCell, nInput, nAux, nOutput };
  checkWeights(node, layout, s);
  return s;
}

function checkWeights(node: Node, layout: LstmLayout, s: LstmSizes): void {
  const cifg = at(node, layout.inputWeights[0]) === null;
  GATES.forEach((gate, g) => {
    if (g === 0 && cifg) {
      if (at(node, layout.recurrentWeights[0]) || at(node, layout.bias[0])) {
        throw shapeError(node, 'CIFG (no input_to_input_weights) but recurrent_to_input_weights or input_gate_bias given');
      }
      return;
    }
    expectShape(node, required(node, layout.inputWeights[g]!, `input_to_${gate}_weights`), [s.nCell, s.nInput], `input_to_${gate}_weights`);
    expectShape(node, required(node, layout.recurrentWeights[g]!, `recurrent_to_${gate}_weights`), [s.nCell, s.nOutput], `recurrent_to_${gate}_weights`);
    expectShape(node, required(node, layout.bias[g]!, `${gate}_gate_bias`), [s.nCell], `${gate}_gate_bias`);
    if (layout.auxWeights && s.nAux > 0) {
      expectShape(node, required(node, layout.auxWeights[g]!, `aux_input_to_${gate}_weights`), [s.nCell, s.nAux], `aux_input_to_${gate}_weights`);
    }
  });
  const peepholes = layout.peephole.map((i) => at(node, i));
  const peepholeCount = peepholes.filter((t) => t !== null).length;
  if (peepholeCount !== 0 && peepholeCount !== (cifg ? 2 : 3)) throw shapeError(node, 'peephole weights must be all present or all absent');
  for (const t of peepholes) if (t) expectShape(node, t, [s.nCell], 'peephole weights');
  const projection = at(node, layout.projection);
  if (projection) expectShape(node, projection, [s.nOutput, s.nCell], 'projection_weights');
  else if (s.nOutput !== s.nCell) throw shapeError(node, `n_output ${s.nOutput} differs from n_cell ${s.nCell} without projection weights`);
  const projectionBias = at(node, layout.projectionBias);
  if (projectionBias) expectShape(node, projectionBias, [s.nOutput], 'projection_bias');
  const outputState = required(node, layout.outputState, 'output_state');
  const cellState = required(node, layout.cellState, 'cell_state');
  if (numElements(outputState.shape) !== s.batches * s.nOutput) {
    throw shapeError(node, `output_state '${outputState.name}' ${formatShape(outputState.shape)} must hold ${s.batches}×${s.nOutput} values`);
  }
  if (numElements(cellState.shape) !== s.batches * s.nCell) {
    throw shapeError(node, `cell_state '${cellState.name}' ${formatShape(cellState.shape)} must hold ${s.batches}×${s.nCell} values`);
  }
}

/** Whether the layout has layer-norm coefficients (the forget gate's decides, as in TFLite). */
export function usesLayerNorm(node: Node, layout: LstmLayout): boolean {
  return layout.layerNorm !== null && at(node, layout.layerNorm[1]) !== null;
}

function floatData(node: Node, i: number, what: string): Float32Array {
  const t = required(node, i, what);
  expectDType(node, t, ['float32'], what);
  return t.data as Float32Array;
}

function optionalFloat(node: Node, i: number | undefined, what: string): Float32Array | null {
  return i === undefined || at(node, i) === null ? null : floatData(node, i, what);
}

/** Gate g's peephole index (the input gate has none under CIFG, the cell gate never has one). */
function peepholeIndex(layout: LstmLayout, g: number): number | undefined {
  return g === 0 ? layout.peephole[0] : g === 1 ? layout.peephole[1] : g === 3 ? layout.peephole[2] : undefined;
}

function floatGate(node: Node, layout: LstmLayout, g: number, hasAux: boolean, layerNorm: boolean): FloatGateWeights {
  const gate = GATES[g]!;
  return {
    input: floatData(node, layout.inputWeights[g]!, `input_to_${gate}_weights`),
    aux: hasAux && layout.auxWeights ? floatData(node, layout.auxWeights[g]!, `aux_input_to_${gate}_weights`) : null,
    recurrent: floatData(node, layout.recurrentWeights[g]!, `recurrent_to_${gate}_weights`),
    peephole: optionalFloat(node, peepholeIndex(layout, g), `cell_to_${gate}_weights`),
    layerNorm: layerNorm && layout.layerNorm ? floatData(node, layout.layerNorm[g]!, `${gate}_layer_norm_coefficients`) : null,
    bias: floatData(node, layout.bias[g]!, `${gate}_gate_bias`),
  };
}

export function floatLstmWeights(node: Node, layout: LstmLayout, hasAux: boolean): FloatLstmWeights {
  const ln = usesLayerNorm(node, layout);
  const cifg = at(node, layout.inputWeights[0]) === null;
  return {
    inputGate: cifg ? null : floatGate(node, layout, 0, hasAux, ln),
    forgetGate: floatGate(node, layout, 1, hasAux, ln),
    cellGate: floatGate(node, layout, 2, hasAux, ln),
    outputGate: floatGate(node, layout, 3, hasAux, ln),
    projection: optionalFloat(node, layout.projection, 'projection_weights'),
    projectionBias: optionalFloat(node, layout.projectionBias, 'projection_bias'),
  };
}

function int8Matrix(node: Node, i: number, what: string): HybridMatrix {
  const t = required(node, i, what);
  if (!isHybridWeight(t)) throw unsupported(node, `${what} '${t.name}' must be constant int8 with a scale in a hybrid LSTM`);
  return hybridMatrix(t.data as Int8Array, Math.fround(t.quantization!.scale[0]!), t.shape[0]!, t.shape[1]!);
}

function hybridGate(node: Node, layout: LstmLayout, g: number, hasAux: boolean, layerNorm: boolean): HybridGateWeights {
  const gate = GATES[g]!;
  const peepholeAt = peepholeIndex(layout, g);
  const peephole = peepholeAt === undefined ? null : at(node, peepholeAt);
  return {
    input: int8Matrix(node, layout.inputWeights[g]!, `input_to_${gate}_weights`),
    aux: hasAux && layout.auxWeights ? int8Matrix(node, layout.auxWeights[g]!, `aux_input_to_${gate}_weights`) : null,
    recurrent: int8Matrix(node, layout.recurrentWeights[g]!, `recurrent_to_${gate}_weights`),
    peephole: peephole ? scaledInt8(peephole.data as Int8Array, Math.fround(peephole.quantization?.scale[0] ?? 1)) : null,
    layerNorm: layerNorm && layout.layerNorm ? floatData(node, layout.layerNorm[g]!, `${gate}_layer_norm_coefficients`) : null,
    bias: floatData(node, layout.bias[g]!, `${gate}_gate_bias`),
  };
}

export function hybridLstmWeights(node: Node, layout: LstmLayout, hasAux: boolean, asymmetric: boolean): HybridLstmWeights {
  const ln = usesLayerNorm(node, layout);
  const cifg = at(node, layout.inputWeights[0]) === null;
  return {
    inputGate: cifg ? null : hybridGate(node, layout, 0, hasAux, ln),
    forgetGate: hybridGate(node, layout, 1, hasAux, ln),
    cellGate: hybridGate(node, layout, 2, hasAux, ln),
    outputGate: hybridGate(node, layout, 3, hasAux, ln),
    projection: at(node, layout.projection) ? int8Matrix(node, layout.projection, 'projection_weights') : null,
    projectionBias: optionalFloat(node, layout.projectionBias, 'projection_bias'),
    asymmetric,
  };
}

/** The kind of LSTM a node is: float, hybrid (int8 weights, float activations) or integer (int8 activations). */
export function lstmKind(input: RuntimeTensor | null | undefined, weights: RuntimeTensor | null | undefined): 'float' | 'hybrid' | 'integer' | null {
  if (!input || !weights) return null;
  const kinds: Partial<Record<DType, 'float' | 'hybrid' | 'integer'>> = { float32: weights.dtype === 'float32' ? 'float' : 'hybrid', int8: 'integer' };
  const kind = kinds[input.dtype] ?? null;
  if (kind === 'hybrid' && weights.dtype !== 'int8') return null;
  if (kind === 'integer' && weights.dtype !== 'int8') return null;
  return kind;
}
