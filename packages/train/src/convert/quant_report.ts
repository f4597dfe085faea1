/**
 * The quantization report: the float model and the quantized model, each with every IR tensor marked as an
 * output, run on the calibration samples through our Interpreter; per tensor (one per layer output) the
 * error of the quantized values against the float ones — RMSE, max abs error, and both relative to the float
 * tensor's RMS and range — so a user sees where precision is lost, not only that the output moved.
 */
import type { CalibrationSample } from './calibration/samples.js';
import { emitModel, type EmitOptions } from './emit.js';
import { FloatRunner } from './float_runner.js';
import { graphOutputs } from './graph_io.js';
import type { IrGraph } from './ir.js';
import { producer } from './ir.js';

export interface TensorError {
  /** IR tensor name and the TF.js layer that produces it. */
  readonly tensor: string;
  readonly layer: string;
  /** The IR op producing it ('input' for a model input). */
  readonly op: string;
  readonly isOutput: boolean;
  readonly rmse: number;
  readonly maxAbsError: number;
  /** rmse / RMS of the float values. */
  readonly relativeRmse: number;
  /** maxAbsError / (max − min) of the float values. */
  readonly relativeMaxError: number;
}

export interface QuantReport {
  readonly mode: string;
  readonly samples: number;
  readonly tensors: TensorError[];
}

class ErrorAccumulator {
  sumSq = 0;
  refSq = 0;
  maxAbs = 0;
  min = Infinity;
  max = -Infinity;
  count = 0;
  add(ref: Float32Array, got: Float32Array): void {
    for (let i = 0; i < ref.length; i++) {
      const d = got[i] - ref[i];
      this.sumSq += d * d;
      this.refSq += ref[i] * ref[i];
      this.maxAbs = Math.max(this.maxAbs, Math.abs(d));
      this.min = Math.min(this.min, ref[i]);
      this.max = Math.max(this.max, ref[i]);
    }
    this.count += ref.length;
  }
}

/** `quantized` are the emit options of the quantized model (its input type and I/O are overridden). */
export function quantizationReport(g: IrGraph, samples: readonly CalibrationSample[], quantized: EmitOptions): QuantReport {
  const float = emitModel(g, { inputType: 'float32', quantize: 'none', allOutputs: true });
  const quant = emitModel(g, { ...quantized, inputType: 'float32', int8Io: false, allOutputs: true });
  const floatRunner = new FloatRunner(float.bytes);
  const quantRunner = new FloatRunner(quant.bytes);
  const position = new Map(quant.outputIds.map((id, k) => [id, k]));
  const acc = new Map(float.outputIds.map((id) => [id, new ErrorAccumulator()]));
  for (const sample of samples) {
    const ref = floatRunner.run(sample);
    const got = quantRunner.run(sample);
    float.outputIds.forEach((id, k) => {
      const q = position.get(id);
      if (q !== undefined) acc.get(id)?.add(ref[k], got[q]);
    });
  }
  const outputs = new Set(graphOutputs(g));
  const tensors = float.outputIds.filter((id) => position.has(id)).map((id): TensorError => {
    const a = acc.get(id) ?? new ErrorAccumulator();
    const rmse = Math.sqrt(a.sumSq / Math.max(1, a.count));
    const rms = Math.sqrt(a.refSq / Math.max(1, a.count));
    const range = a.max - a.min;
    return {
      tensor: g.tensors[id].name, layer: g.tensors[id].source, op: producer(g, id)?.kind ?? 'input', isOutput: outputs.has(id),
      rmse, maxAbsError: a.maxAbs, relativeRmse: rms > 0 ? rmse / rms : 0, relativeMaxError: range > 0 ? a.maxAbs / range : 0,
    };
  });
  return { mode: quantized.quantize, samples: samples.length, tensors };
}

/** The report as a fixed-width table, one line per tensor, for the CLI. */
export function formatQuantReport(r: QuantReport): string {
  const g = (x: number) => x.toPrecision(3);
  const rows = r.tensors.map((t) => [`${t.isOutput ? '*' : ' '}${t.layer}`, t.op, g(t.rmse), g(t.maxAbsError), `${(100 * t.relativeRmse).toFixed(2)}%`, `${(100 * t.relativeMaxError).toFixed(2)}%`]);
  const head = ['layer (* = output)', 'op', 'rmse', 'max abs', 'rel rmse', 'rel max'];
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c].length)));
  const line = (cells: string[]) => cells.map((x, c) => (c < 2 ? x.padEnd(widths[c]) : x.padStart(widths[c]))).join('  ');
  return [`quantization error vs float (${r.mode}, ${r.samples} calibration samples):`, line(head), ...rows.map(line)].join('\n');
}
