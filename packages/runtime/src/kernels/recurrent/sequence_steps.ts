/**
 * The order in which TFLite's sequence kernels visit a sequence: time-major, one step per time covering every
 * batch row (the state rows start at batch 0); batch-major, one batch row at a time through all its times
 * (its state row is that batch's). Backward directions walk time from the end. A row is one batch element at
 * one time: its index times the row size is its offset in the input and output.
 */

/** Where one direction of a sequence op reads and writes, in node input/output indices and sizes. */
export interface SequenceGeometry {
  readonly maxTime: number;
  readonly batches: number;
  readonly timeMajor: boolean;
  readonly nInput: number;
  /** Auxiliary input size (bidirectional ops), 0 without. */
  readonly nAux: number;
  readonly forward: boolean;
  /** Node input index of the sequence this direction reads (0, or the auxiliary input for a backward pass). */
  readonly input: number;
  /** Node input index of the auxiliary input this direction adds, or -1. */
  readonly auxInput: number;
  readonly output: number;
  /** Distance between output rows, and where this direction's values start in a row. */
  readonly outputStride: number;
  readonly outputOffset: number;
}

export interface SequenceStep {
  /** First row of the step. */
  readonly row: number;
  /** The batch row the step's state belongs to. */
  readonly stateBatch: number;
}

export function sequenceSteps({ maxTime, batches, timeMajor, forward }: SequenceGeometry): SequenceStep[] {
  const steps: SequenceStep[] = [];
  const timeAt = (t: number): number => (forward ? t : maxTime - 1 - t);
  if (timeMajor) {
    for (let t = 0; t < maxTime; t++) steps.push({ row: timeAt(t) * batches, stateBatch: 0 });
  } else {
    for (let b = 0; b < batches; b++) {
      for (let t = 0; t < maxTime; t++) steps.push({ row: b * maxTime + timeAt(t), stateBatch: b });
    }
  }
  return steps;
}
