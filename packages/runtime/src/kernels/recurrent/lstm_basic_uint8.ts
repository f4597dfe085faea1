/**
 * LSTM, basic kernel, uint8 (TFLite lstm.cc basic Eval → LstmCell<4>, the quantized cell of
 * reference_ops): TFLite's fixed-scale quantized LSTM cell. Activations are uint8 with the fixed scale 1/128
 * and zero point 128 (the kernel subtracts 128 without reading their parameters); the fully connected layer
 * accumulates in int32 from the bias and rescales by 4096·bias_scale into int16 with 3 integer bits (the gate
 * pre-activations, output 3); the gates are gemmlowp's 16-bit fixed-point logistic and tanh; the state is int16
 * with 4 integer bits (scale 2^-11, the only one TFLite runs); the activation is the Q0.15 product rounded to 8
 * bits. The new activation and state are copied back over prev_activ and prev_state, as TFLite does.
 */
import { BuiltinOp } from '../../core/ops.js';
import type { LSTMOptions } from '../../core/options.js';
import { clamp, multiplyByQuantizedMultiplier, roundingDivideByPOT } from '../common/fixed_point.js';
import { unsupported } from '../common/node_checks.js';
import { optionsOrDefault } from '../common/options.js';
import { quantizeMultiplier, tensorScale, tensorZeroPoint } from '../common/quantization.js';
import { recurrentWork } from '../common/work.js';
import type { KernelRegistration, NodeContext } from '../kernel.js';
import { logisticQ3, mulPot16, saturatingAdd16, srdhm16, tanhQ3 } from '../quantized/gemmlowp_int16.js';
import { isBasicLstm, LSTM_DEFAULTS } from './lstm.js';
import { copyStateBack, prepareBasicLstmShape, type BasicLstmDTypes, type BasicLstmShape } from './lstm_basic_shape.js';

const UINT8_TYPES: BasicLstmDTypes = {
  inputs: ['uint8', 'uint8', 'uint8', 'int32', 'int16'],
  outputs: ['uint8', 'int16', 'uint8', 'int16'],
};

/** The cell's state format: int16 with this many integer bits (TFLite runs 4 only). */
const STATE_INTEGER_BITS = 4;

interface Uint8BasicLstmData extends BasicLstmShape {
  readonly weightsZeroPoint: number;
  readonly accumMultiplier: number;
  readonly accumShift: number;
}

/** TFLite's CheckedLog2: the rounded log2 of `x`, or null when `x` is not within 1e-3 (in log2) of a power of two. */
function checkedLog2(x: number): number | null {
  const log2 = Math.fround(Math.fround(Math.log(x)) * Math.fround(1 / Math.log(2)));
  const rounded = Math.round(log2);
  return Math.abs(log2 - rounded) < 1e-3 ? rounded : null;
}

function prepare(node: NodeContext<LSTMOptions>): Uint8BasicLstmData {
  const shape = prepareBasicLstmShape(node, UINT8_TYPES);
  const stateOut = node.outputs[1]!;
  const log2 = checkedLog2(tensorScale(stateOut));
  if (log2 === null) throw unsupported(node, `the state '${stateOut.name}' must have a power-of-two scale, got ${tensorScale(stateOut)}`);
  if (15 + log2 !== STATE_INTEGER_BITS) {
    throw unsupported(node, `the quantized LSTM cell runs with a state of ${STATE_INTEGER_BITS} integer bits (scale 2^-11) only, the state's scale is 2^${log2}`);
  }
  // The accumulator (scale bias_scale) becomes int16 with 3 integer bits (scale 2^-12).
  const { multiplier, shift } = quantizeMultiplier(4096 * tensorScale(node.inputs[3]!));
  return { ...shape, weightsZeroPoint: tensorZeroPoint(node.inputs[2]!), accumMultiplier: multiplier, accumShift: shift };
}

/** The fully connected layer: concat(input, prev_activ) · weightsᵀ + bias, as int16 Q3.12. */
function gatePreActivations(node: NodeContext<LSTMOptions>, d: Uint8BasicLstmData): void {
  const input = node.inputs[0]!.data as Uint8Array, prevActiv = node.inputs[1]!.data as Uint8Array;
  const weights = node.inputs[2]!.data as Uint8Array, bias = node.inputs[3]!.data as Int32Array;
  const concat = node.outputs[2]!.data as Uint8Array, gates = node.outputs[3]!.data as Int16Array;
  const { batches, inputDepth: ni, outputDepth: no, weightsZeroPoint: wz } = d;
  const depth = ni + no;
  for (let b = 0; b < batches; b++) {
    concat.set(input.subarray(b * ni, (b + 1) * ni), b * depth);
    concat.set(prevActiv.subarray(b * no, (b + 1) * no), b * depth + ni);
    for (let o = 0; o < 4 * no; o++) {
      let accum = bias[o]!;
      for (let k = 0; k < depth; k++) accum += (concat[b * depth + k]! - 128) * (weights[o * depth + k]! - wz);
      const scaled = multiplyByQuantizedMultiplier(accum | 0, d.accumMultiplier, d.accumShift);
      gates[b * 4 * no + o] = clamp(scaled, -32768, 32767);
    }
  }
}

function evalUint8(node: NodeContext<LSTMOptions>, d: Uint8BasicLstmData): void {
  gatePreActivations(node, d);
  const prevState = node.inputs[4]!.data as Int16Array, gates = node.outputs[3]!.data as Int16Array;
  const activ = node.outputs[0]!.data as Uint8Array, state = node.outputs[1]!.data as Int16Array;
  const no = d.outputDepth;
  for (let b = 0; b < d.batches; b++) {
    for (let c = 0; c < no; c++) {
      const g = b * 4 * no + c;
      // Gates in Q0.15 from Q3.12 pre-activations.
      const inputGate = logisticQ3(gates[g]!);
      const modulation = tanhQ3(gates[g + no]!);
      const forgetGate = logisticQ3(gates[g + 2 * no]!);
      const outputGate = logisticQ3(gates[g + 3 * no]!);
      // Q0.15 · Q0.15 → Q0.15, rescaled to the state's Q4.11; Q0.15 · Q4.11 → Q4.11; saturating sum.
      const fromInput = mulPot16(srdhm16(inputGate, modulation), -STATE_INTEGER_BITS);
      const kept = srdhm16(forgetGate, prevState[b * no + c]!);
      const newState = saturatingAdd16(fromInput, kept);
      // tanh runs on the state clamped to Q3.12 (TFLite reuses its 3-integer-bit tanh).
      const outputQ15 = srdhm16(outputGate, tanhQ3(mulPot16(newState, STATE_INTEGER_BITS - 3)));
      state[b * no + c] = newState;
      activ[b * no + c] = 128 + clamp(roundingDivideByPOT(outputQ15, 8), -128, 127);
    }
  }
  copyStateBack(node);
}

export const LSTM_BASIC_UINT8_KERNEL: KernelRegistration<LSTMOptions, Uint8BasicLstmData> = {
  op: BuiltinOp.LSTM,
  name: 'LSTM (basic kernel, uint8 with int16 state)',
  parseOptions: (raw) => optionsOrDefault(raw, ['LSTMOptions'], LSTM_DEFAULTS),
  supports: (node) => isBasicLstm(node) && node.inputs[0]?.dtype === 'uint8',
  prepare,
  eval: evalUint8,
  work: (node) => recurrentWork(node),
};
