/**
 * Prepare-time parameters of the fully quantized (8x8_16) LSTM, as TFLite's PopulateQuantizedLstmParams8x8_16
 * and PopulatePrecomputedZPTimesWeightsWithBias compute them: effective scales formed in float32 and turned
 * into quantized multipliers, zero points folded into per-row biases, clips quantized, the cell state's
 * power-of-two scale. The gate pre-activations are Q3.12 unless layer norm gives them intermediate scales.
 */
import type { QuantizationParams } from '../../core/model.js';
import type { IntegerGateWeights, IntegerLstmWeights } from '../common/lstm_cell_integer.js';
import { applyLayerNormInteger } from '../common/lstm_layer_norm_integer.js';
import { shapeError, unsupported } from '../common/node_checks.js';
import { quantizeMultiplier } from '../common/quantization.js';
import { zeroPointTimesWeightsWithBias } from '../common/recurrent_integer.js';
import type { NodeContext, RuntimeTensor } from '../kernel.js';
import { usesLayerNorm, type LstmLayout } from './lstm_tensors.js';
import type { LstmSizes } from '../common/lstm_cell_float.js';

const f = Math.fround;
const GATES = ['input', 'forget', 'cell', 'output'] as const;

type Node = NodeContext<{ readonly cellClip: number; readonly projClip: number }>;

function quant(node: Node, t: RuntimeTensor, what: string): QuantizationParams {
  const q = t.quantization;
  if (!q || q.scale.length === 0) throw unsupported(node, `${what} '${t.name}' has no quantization parameters`);
  return q;
}

const scaleOf = (node: Node, t: RuntimeTensor, what: string): number => f(quant(node, t, what).scale[0]!);

/** log2 of a power-of-two scale, as TFLite's CheckedLog2 (within 1e-3). */
function cellScaleLog2(node: Node, scale: number): number {
  const log2 = f(f(Math.log(scale)) * f(1 / f(Math.log(2))));
  const rounded = Math.round(log2);
  if (Math.abs(f(log2 - rounded)) >= 1e-3) throw unsupported(node, `the cell state's scale ${scale} is not a power of two`);
  return rounded;
}

function tensor(node: Node, i: number): RuntimeTensor | null {
  return node.inputs[i] ?? null;
}

interface ScaleInputs {
  readonly inputScale: number;
  readonly outputStateScale: number;
  readonly intermediateScales: readonly number[];
  readonly cellScale: number;
}

function gateWeights(node: Node, layout: LstmLayout, g: number, s: ScaleInputs, zps: { input: number; state: number }, layerNorm: boolean): IntegerGateWeights {
  const gate = GATES[g]!;
  const w = tensor(node, layout.inputWeights[g]!)!;
  const r = tensor(node, layout.recurrentWeights[g]!)!;
  const peepholeAt = g === 0 ? layout.peephole[0] : g === 1 ? layout.peephole[1] : g === 3 ? layout.peephole[2] : -1;
  const p = peepholeAt >= 0 ? tensor(node, peepholeAt) : null;
  const bias = tensor(node, layout.bias[g]!);
  const inter = s.intermediateScales[g]!;
  const ln = layerNorm && layout.layerNorm ? tensor(node, layout.layerNorm[g]!) : null;
  const lnScale = ln ? scaleOf(node, ln, `${gate}_layer_norm_coefficients`) : 1;
  return {
    input: w.data as Int8Array,
    inputScale: quantizeMultiplier(f(f(scaleOf(node, w, `input_to_${gate}_weights`) * s.inputScale) / inter)),
    inputBias: zeroPointTimesWeightsWithBias(w.data as Int8Array, w.shape[0]!, w.shape[1]!, -zps.input, layerNorm ? null : (bias?.data as Int32Array) ?? null),
    recurrent: r.data as Int8Array,
    recurrentScale: quantizeMultiplier(f(f(scaleOf(node, r, `recurrent_to_${gate}_weights`) * s.outputStateScale) / inter)),
    recurrentBias: zeroPointTimesWeightsWithBias(r.data as Int8Array, r.shape[0]!, r.shape[1]!, -zps.state, null),
    peephole: p ? (p.data as Int16Array) : null,
    peepholeScale: quantizeMultiplier(p ? f(f(f(2 ** s.cellScale) * scaleOf(node, p, `cell_to_${gate}_weights`)) / inter) : 1),
    layerNorm: ln && bias
      ? { weights: ln.data as Int16Array, bias: bias.data as Int32Array, scale: quantizeMultiplier(lnScale), varianceGuard: Math.max(1, Math.trunc(f(10000 * lnScale))) }
      : null,
  };
}

function checkIntegerTypes(node: Node, layout: LstmLayout): void {
  for (const g of [0, 1, 2, 3]) {
    const w = tensor(node, layout.inputWeights[g]!);
    if (w && w.dtype !== 'int8') throw unsupported(node, `integer LSTM weights must be int8; '${w.name}' is ${w.dtype}`);
    const b = tensor(node, layout.bias[g]!);
    if (b && b.dtype !== 'int32') throw unsupported(node, `integer LSTM biases must be int32; '${b.name}' is ${b.dtype}`);
  }
  const cell = tensor(node, layout.cellState)!;
  if (cell.dtype !== 'int16') throw unsupported(node, `the integer LSTM's cell state must be int16; '${cell.name}' is ${cell.dtype}`);
  if (node.intermediates.length !== 5) {
    throw unsupported(node, `integer LSTM with ${node.intermediates.length} intermediate tensors (only the 8x8_16 form, with 5, is supported)`);
  }
}

export function integerLstmWeights(node: Node, layout: LstmLayout, s: LstmSizes, output: RuntimeTensor): IntegerLstmWeights {
  checkIntegerTypes(node, layout);
  const input = node.inputs[0]!;
  const outputState = tensor(node, layout.outputState)!;
  const cellState = tensor(node, layout.cellState)!;
  const layerNorm = usesLayerNorm(node, layout);
  const hidden = quant(node, node.intermediates[4]!, 'the hidden-state intermediate');
  const cellScale = cellScaleLog2(node, scaleOf(node, cellState, 'cell_state'));
  const intermediateScales = [0, 1, 2, 3].map((i) => (layerNorm ? scaleOf(node, node.intermediates[i]!, `intermediate ${i}`) : f(2 ** -12)));
  const scales: ScaleInputs = {
    inputScale: scaleOf(node, input, 'input'),
    outputStateScale: scaleOf(node, outputState, 'output_state'),
    intermediateScales,
    cellScale,
  };
  const zps = { input: quant(node, input, 'input').zeroPoint[0] ?? 0, state: quant(node, outputState, 'output_state').zeroPoint[0] ?? 0 };
  const cifg = tensor(node, layout.inputWeights[0]) === null;
  const gate = (g: number): IntegerGateWeights => gateWeights(node, layout, g, scales, zps, layerNorm);
  const projection = tensor(node, layout.projection);
  const hiddenScale = f(hidden.scale[0]!);
  const hiddenZp = hidden.zeroPoint[0] ?? 0;
  const projectionBias = tensor(node, layout.projectionBias);
  const { cellClip, projClip } = node.options;
  if (projection && projection.dtype !== 'int8') throw shapeError(node, `projection weights must be int8; '${projection.name}' is ${projection.dtype}`);
  return {
    inputGate: cifg ? null : gate(0),
    forgetGate: gate(1),
    cellGate: gate(2),
    outputGate: gate(3),
    projection: projection ? (projection.data as Int8Array) : null,
    projectionScale: quantizeMultiplier(projection ? f(f(scaleOf(node, projection, 'projection_weights') * hiddenScale) / scales.outputStateScale) : 1),
    // TFLite folds +hidden_zp·Σw into the projection bias (its hidden state subtracts the zero point).
    projectionBias: projection
      ? zeroPointTimesWeightsWithBias(projection.data as Int8Array, s.nOutput, s.nCell, hiddenZp, (projectionBias?.data as Int32Array) ?? null)
      : null,
    cellScale,
    hiddenScale: quantizeMultiplier(f(f(f(2 ** -15) / hiddenScale) * f(2 ** -15))),
    hiddenZp,
    outputStateZp: zps.state,
    cellClip: cellClip > 0 ? Math.trunc(Math.min(Math.max(f(cellClip / f(2 ** cellScale)), -32768), 32767)) : 0,
    projClip: projClip > 0 ? Math.trunc(Math.min(Math.max(f(projClip / scaleOf(node, output, 'output')), -128), 127)) : 0,
    applyLayerNorm: applyLayerNormInteger,
  };
}
