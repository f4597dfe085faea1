import { opName } from '../core/ops.js';
import type { AnyKernel, KernelRegistration, NodeSignature } from './kernel.js';

/**
 * Maps op codes to kernel registrations. Several registrations may share an op (float, int8, wasm): the one
 * added last whose `supports` accepts the node wins, so an optimized kernel added after the reference one
 * replaces it wherever it applies. Nothing registers itself on import; callers build a resolver explicitly.
 */
export class OpResolver {
  private readonly byOp = new Map<number, AnyKernel[]>();

  add<O, D>(...regs: KernelRegistration<O, D>[]): this {
    for (const reg of regs) {
      const list = this.byOp.get(reg.op) ?? [];
      list.push(reg as AnyKernel);
      this.byOp.set(reg.op, list);
    }
    return this;
  }

  /** Registrations for `op`, latest first. */
  candidates(op: number): readonly AnyKernel[] {
    return [...(this.byOp.get(op) ?? [])].reverse();
  }

  has(op: number): boolean {
    return this.byOp.has(op);
  }

  ops(): number[] {
    return [...this.byOp.keys()].sort((a, b) => a - b);
  }

  /** The registration that handles `node`, or undefined. */
  resolve(node: NodeSignature & { readonly opcode: number }): AnyKernel | undefined {
    return this.candidates(node.opcode).find((k) => !k.supports || k.supports(node));
  }

  /** The work estimate for nodes of `op`: the first registration of the op that defines one. */
  workEstimator(op: number): ((node: NodeSignature) => number) | undefined {
    return this.byOp.get(op)?.find((k) => k.work)?.work;
  }

  describe(op: number): string {
    return opName(op);
  }
}
