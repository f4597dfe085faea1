/**
 * SKIP_GRAM (string [1] → string [n-grams]): see common/skip_grams.ts for the enumeration. The number of
 * n-grams depends on the sentence: with a constant input the n-grams are made at prepare; with a sentence
 * computed at run time the output is dynamic, sized at eval (as TFLite does).
 */
import { BuiltinOp } from '../../core/ops.js';
import type { SkipGramOptions } from '../../core/options.js';
import type { StringArray } from '../../core/string_data.js';
import { expectDType, requireInput, requireOutput, shapeError } from '../common/node_checks.js';
import { requireOptions } from '../common/options.js';
import { skipGrams } from '../common/skip_grams.js';
import type { KernelRegistration, NodeContext } from '../kernel.js';

function gramsOf(node: NodeContext<SkipGramOptions>): Uint8Array[] {
  const sentence = (node.inputs[0]!.data as StringArray).strings[0];
  if (sentence === undefined) throw shapeError(node, 'the input holds no sentence');
  return skipGrams(sentence, node.options);
}

/** The n-grams, made at prepare for a constant sentence; null when they are made at each eval. */
export const SKIP_GRAM_KERNEL: KernelRegistration<SkipGramOptions, Uint8Array[] | null> = {
  op: BuiltinOp.SKIP_GRAM,
  name: 'SKIP_GRAM (string, reference)',
  parseOptions: (raw) => requireOptions(raw, ['SkipGramOptions']),
  prepare(node) {
    const input = requireInput(node, 0);
    const output = requireOutput(node, 0);
    expectDType(node, input, ['string'], 'input');
    expectDType(node, output, ['string'], 'output');
    if (!input.isConstant) {
      node.markOutputDynamic(0);
      return null;
    }
    const grams = gramsOf(node);
    output.shape = [grams.length];
    return grams;
  },
  eval(node, fixed) {
    const grams = fixed ?? gramsOf(node);
    const out = fixed ? node.outputs[0]!.data : node.resizeOutput(0, [grams.length]);
    (out as StringArray).strings = fixed ? grams.slice() : grams;
  },
};
