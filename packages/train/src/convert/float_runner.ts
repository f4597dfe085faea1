/**
 * Runs an emitted model (float or quantized) through our Interpreter on calibration samples and reads every
 * output as float32 — quantized outputs dequantized with their own scale and zero point — so calibration
 * and the quantization report compare tensors in real values.
 */
import { Interpreter } from '@tflite-lambda/runtime';
import type { CalibrationSample } from './calibration/samples.js';

export class FloatRunner {
  private readonly it: Interpreter;
  private readonly inputs: number[];
  private readonly outputs: { index: number; scale: number; zeroPoint: number; quantized: boolean }[];

  constructor(bytes: Uint8Array) {
    this.it = Interpreter.loadSync(bytes);
    this.it.allocateTensors();
    this.inputs = this.it.getInputDetails().map((d) => d.index);
    this.outputs = this.it.getOutputDetails().map((d) => ({
      index: d.index,
      scale: d.quantization.scale[0] ?? 1,
      zeroPoint: d.quantization.zeroPoint[0] ?? 0,
      quantized: d.dtype === 'int8' || d.dtype === 'int16' || d.dtype === 'uint8',
    }));
  }

  /** The outputs, in model output order, as float32 (a fresh copy each, safe to keep). */
  run(sample: CalibrationSample): Float32Array[] {
    sample.forEach((x, i) => { this.it.setTensor(this.inputs[i], x); });
    this.it.invoke();
    return this.outputs.map((o) => {
      const raw = this.it.getTensor(o.index) as ArrayLike<number>;
      if (!o.quantized) return Float32Array.from(raw);
      return Float32Array.from(raw, (q) => (q - o.zeroPoint) * o.scale);
    });
  }
}
