/**
 * The reference engines a differential case can run on: LiteRT.js (Google's current TFLite + XNNPACK) and
 * tfjs-tflite (an older TFLite build that also runs variable tensors). Both answer the same question the same
 * way: outputs of a fresh model on given inputs, or an error that says whether the engine declined.
 */
import type { HostTensor } from '../litert/host_tensor.js';
import { LiteRtOracle, LiteRtOracleError } from '../litert/oracle.js';
import { TfjsTfliteOracle, TfjsTfliteOracleError } from '../tfjs_tflite/oracle.js';

export type OracleName = 'litert' | 'tfjs-tflite';

export interface ReferenceOracle {
  readonly name: OracleName;
  readonly description: string;
  /**
   * Outputs of every invoke of one freshly loaded model, one entry of `steps` (a full set of inputs) per
   * invoke: state in variable tensors carries over from one invoke to the next.
   */
  runSequence(model: Uint8Array, steps: readonly (readonly HostTensor[])[]): Promise<HostTensor[][]>;
}

/**
 * LiteRT.js has no variable tensors, but its stateful kernels (the random generators) keep state across the
 * invokes of one compiled model; one invoke is run twice on one compiled model and must agree with itself.
 */
function liteRt(oracle: LiteRtOracle): ReferenceOracle {
  return {
    name: 'litert',
    get description() {
      return oracle.description;
    },
    async runSequence(model, steps) {
      return steps.length === 1 ? [await oracle.run(model, steps[0]!)] : oracle.runSequence(model, steps);
    },
  };
}

function tfjsTflite(oracle: TfjsTfliteOracle): ReferenceOracle {
  return {
    name: 'tfjs-tflite',
    get description() {
      return oracle.description;
    },
    runSequence: (model, steps) => oracle.runSequence(model, steps),
  };
}

export async function createOracle(name: OracleName): Promise<ReferenceOracle> {
  return name === 'litert' ? liteRt(await LiteRtOracle.create()) : tfjsTflite(await TfjsTfliteOracle.create());
}

/** True when the engine declined the model or case (a reason to skip it), not when it failed to load or disagreed with itself. */
export function isOracleRefusal(error: unknown): error is Error {
  return (error instanceof LiteRtOracleError || error instanceof TfjsTfliteOracleError) && error.isRefusal;
}
