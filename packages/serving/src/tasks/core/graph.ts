/**
 * What the model's graph says about its outputs: which operator produced a tensor (looking through the
 * operators that only move or re-encode values: RESHAPE, SQUEEZE, DEQUANTIZE, QUANTIZE, CAST), and where a
 * custom operator's outputs are. Read once at load time.
 */
import { BuiltinOp, type ModelDesc, type OperatorDesc } from '@tflite-lambda/runtime';

const PASS_THROUGH = new Set<number>([BuiltinOp.RESHAPE, BuiltinOp.SQUEEZE, BuiltinOp.DEQUANTIZE, BuiltinOp.QUANTIZE, BuiltinOp.CAST]);

export class ModelGraph {
  private readonly producers = new Map<number, OperatorDesc>();

  constructor(
    private readonly model: ModelDesc,
    readonly subgraph = 0,
  ) {
    for (const op of model.subgraphs[subgraph]?.operators ?? []) for (const t of op.outputs) this.producers.set(t, op);
  }

  /** The operator that computes `tensor`'s values, or null for inputs and constants. */
  producerOf(tensor: number): OperatorDesc | null {
    let op = this.producers.get(tensor) ?? null;
    for (let hops = 0; op !== null && PASS_THROUGH.has(op.opcode) && hops < 16; hops++) {
      op = this.producers.get(op.inputs[0]) ?? null;
    }
    return op;
  }

  /** Whether `tensor` comes out of a SOFTMAX or LOGISTIC: its values are already probabilities. */
  isProbabilityOutput(tensor: number): boolean {
    const op = this.producerOf(tensor);
    return op !== null && (op.opcode === BuiltinOp.SOFTMAX || op.opcode === BuiltinOp.LOGISTIC);
  }

  /** The first custom operator named `customCode`, or null. */
  customOp(customCode: string): OperatorDesc | null {
    return this.model.subgraphs[this.subgraph]?.operators.find((op) => op.customCode === customCode) ?? null;
  }
}
