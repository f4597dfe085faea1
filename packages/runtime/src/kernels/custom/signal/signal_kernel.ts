/** Shared shape of the signal-library registrations: a CUSTOM op told apart by its custom code. */
import { BuiltinOp } from '../../../core/ops.js';
import type { KernelRegistration, NodeContext } from '../../kernel.js';

export function signalKernel<O, D>(
  code: string,
  spec: {
    readonly dtypes: string;
    readonly parse: (custom: Uint8Array | null | undefined) => O;
    readonly prepare: (node: NodeContext<O>) => D;
    readonly eval: (node: NodeContext<O>, data: D) => void;
    readonly stateful?: boolean;
  },
): KernelRegistration<O, D> {
  return {
    op: BuiltinOp.CUSTOM,
    name: `${code} (${spec.dtypes}, TFLM signal)`,
    supports: (node) => node.customCode === code,
    parseOptions: (_raw, custom) => spec.parse(custom),
    prepare: spec.prepare,
    eval: spec.eval,
    ...(spec.stateful ? { stateful: true } : {}),
  };
}
