/**
 * RANDOM_UNIFORM and RANDOM_STANDARD_NORMAL (float32 output of an int32 shape; a shape computed at run
 * time makes the output dynamic) with TFLite's
 * seeding: the generator is made at prepare from the op's seed and seed2 as 32-bit ints (both 0: seeded from
 * the platform's random source, so not reproducible), and it keeps running across invokes — each invoke draws fresh values,
 * four per Philox call, the unused remainder of the last call dropped.
 */
import { BuiltinOp } from '../../core/ops.js';
import type { RandomOptions } from '../../core/options.js';
import { formatShape } from '../../core/shape.js';
import type { KernelRegistration, NodeContext } from '../kernel.js';
import { intValues } from './const_values.js';
import { expectDType, expectRank, requireInput, requireOutput, shapeError } from './node_checks.js';
import { optionsOrDefault } from './options.js';
import { boxMullerFloat, Philox, uint32ToFloat } from './philox.js';

/** Two random 64-bit seeds for seed = seed2 = 0, as TFLite draws them from /dev/urandom. */
function platformSeeds(): [bigint, bigint] {
  const words = new Uint32Array(4);
  globalThis.crypto.getRandomValues(words);
  return [(BigInt(words[0]!) << 32n) | BigInt(words[1]!), (BigInt(words[2]!) << 32n) | BigInt(words[3]!)];
}

/**
 * The generator TFLite's InitializeOpData makes for these options. TFLite keeps the seeds in `int` fields
 * (TfLiteRandomParams), so the schema's 64-bit seeds are cut to their low 32 bits and sign-extended.
 */
export function seededPhilox(o: RandomOptions): Philox {
  const seed = BigInt.asIntN(32, o.seed), seed2 = BigInt.asIntN(32, o.seed2);
  const [s1, s2] = seed === 0n && seed2 === 0n ? platformSeeds() : [seed, seed2];
  return new Philox(s1, s2);
}

export function parseRandomOptions(raw: Parameters<KernelRegistration<RandomOptions>['parseOptions']>[0]): RandomOptions {
  return optionsOrDefault(raw, ['RandomOptions'], { kind: 'RandomOptions', seed: 0n, seed2: 0n });
}

function fillUniform(rng: Philox, out: Float32Array): void {
  for (let at = 0; at < out.length; at += 4) {
    const s = rng.next();
    for (let i = 0; i < 4 && at + i < out.length; i++) out[at + i] = uint32ToFloat(s[i]!);
  }
}

function fillNormal(rng: Philox, out: Float32Array): void {
  for (let at = 0; at < out.length; at += 4) {
    const s = rng.next();
    for (let i = 0; i < 4 && at + i < out.length; i += 2) {
      const [a, b] = boxMullerFloat(s[i]!, s[i + 1]!);
      out[at + i] = a;
      if (at + i + 1 < out.length) out[at + i + 1] = b;
    }
  }
}

function randomShape(node: NodeContext<RandomOptions>): number[] {
  const shape = intValues(node, node.inputs[0]!, 'shape');
  if (shape.some((d) => d < 0)) throw shapeError(node, `shape ${formatShape(shape)} has a negative dimension`);
  return shape;
}

export function randomKernel(op: 'RANDOM_UNIFORM' | 'RANDOM_STANDARD_NORMAL'): KernelRegistration<RandomOptions, { rng: Philox; dynamic: boolean }> {
  const fill = op === 'RANDOM_UNIFORM' ? fillUniform : fillNormal;
  return {
    op: BuiltinOp[op],
    name: `${op} (float32, reference)`,
    parseOptions: parseRandomOptions,
    stateful: true,
    prepare(node) {
      const shapeIn = requireInput(node, 0);
      const output = requireOutput(node, 0);
      expectDType(node, shapeIn, ['int32'], 'shape');
      expectRank(node, shapeIn, 1, 'shape');
      expectDType(node, output, ['float32'], 'output');
      // A shape computed at run time makes the output dynamic, sized at each eval (as TFLite does).
      if (shapeIn.isConstant) output.shape = randomShape(node);
      else node.markOutputDynamic(0);
      return { rng: seededPhilox(node.options), dynamic: !shapeIn.isConstant };
    },
    eval(node, p) {
      const out = p.dynamic ? node.resizeOutput(0, randomShape(node)) : node.outputs[0]!.data;
      fill(p.rng, out as Float32Array);
    },
  };
}
