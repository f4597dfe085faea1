/**
 * SKIP_GRAM (string [1] → string [n-grams]): see common/skip_grams.ts for the enumeration. The number of
 * n-grams depends on the sentence, so the output size is known only when the sentence is: with a constant
 * input the node runs at prepare; a run-time sentence would need a dynamic output, which is refused.
 */
import { BuiltinOp } from '../../core/ops.js';
import type { SkipGramOptions } from '../../core/options.js';
import { StringArray } from '../../core/string_data.js';
import { expectDType, requireInput, requireOutput, shapeError, unsupported } from '../common/node_checks.js';
import { requireOptions } from '../common/options.js';
import { skipGrams } from '../common/skip_grams.js';
import type { KernelRegistration } from '../kernel.js';

export const SKIP_GRAM_KERNEL: KernelRegistration<SkipGramOptions, Uint8Array[]> = {
  op: BuiltinOp.SKIP_GRAM,
  name: 'SKIP_GRAM (string, reference)',
  parseOptions: (raw) => requireOptions(raw, ['SkipGramOptions']),
  prepare(node) {
    const input = requireInput(node, 0);
    const output = requireOutput(node, 0);
    expectDType(node, input, ['string'], 'input');
    expectDType(node, output, ['string'], 'output');
    if (input.data.length < 1 && input.isConstant) throw shapeError(node, 'the input holds no sentence');
    if (!input.isConstant) throw unsupported(node, 'a run-time sentence gives a dynamic number of n-grams');
    const grams = skipGrams((input.data as StringArray).strings[0]!, node.options);
    output.shape = [grams.length];
    return grams;
  },
  eval(node, grams) {
    (node.outputs[0]!.data as StringArray).strings = grams.slice();
  },
};
