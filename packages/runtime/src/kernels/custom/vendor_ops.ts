/**
 * Custom operators that are not computations but payloads for a vendor accelerator. 'ethos-u' is the
 * command stream Arm's Vela compiler writes for the Ethos-U NPU (the operator's inputs are that stream and
 * its scratch buffers, not the model's weights): only the NPU's driver can run it, so the model is refused
 * at load with a message saying so.
 */
import { UnsupportedError } from '../../core/errors.js';
import { BuiltinOp } from '../../core/ops.js';
import type { KernelRegistration } from '../kernel.js';

export const ETHOS_U_CODE = 'ethos-u';

export const ETHOS_U_KERNEL: KernelRegistration<never, never> = {
  op: BuiltinOp.CUSTOM,
  name: `${ETHOS_U_CODE} (Arm Ethos-U NPU command stream, refused)`,
  supports: (node) => node.customCode === ETHOS_U_CODE,
  parseOptions() {
    throw new UnsupportedError(
      "custom operator 'ethos-u' is a Vela-compiled command stream for Arm's Ethos-U NPU and runs only on that accelerator; use the model from before Vela compilation",
    );
  },
  prepare() {
    throw new UnsupportedError("custom operator 'ethos-u' cannot run here");
  },
  eval() {
    throw new UnsupportedError("custom operator 'ethos-u' cannot run here");
  },
};
