/**
 * String tensors inside models LiteRT.js runs (its JS API has no string inputs or outputs, so strings live
 * in constants and between ops, and the outputs are numbers or bools): GATHER and RESHAPE on strings, EQUAL
 * and NOT_EQUAL on strings, HASHTABLE_LOOKUP with string values, LSH_PROJECTION over a string input and
 * SKIP_GRAM on a constant sentence.
 */
import { BuiltinOp } from '@tflite-lambda/runtime/internal';
import { CaseBuilder, type DiffCase, type DiffFamily } from '../case_builder.js';
import { i32, uniformFloats } from '../random_data.js';
import { Rng } from '../rng.js';

function gatherEqual(words: string[], pick: number[], against: string[], not: boolean): DiffCase {
  const b = new CaseBuilder();
  const table = b.constantTensor({ dtype: 'string', shape: [words.length], data: words });
  const idx = b.input({ dtype: 'int32', shape: [pick.length] }, i32(pick));
  const picked = b.intermediate({ dtype: 'string', shape: [pick.length] });
  b.op(BuiltinOp.GATHER, [table, idx], [picked], { kind: 'GatherOptions', axis: 0, batchDims: 0 });
  const grid = b.intermediate({ dtype: 'string', shape: [pick.length / 2, 2] });
  b.op(BuiltinOp.RESHAPE, [picked, b.constant({ dtype: 'int32', shape: [2] }, i32([pick.length / 2, 2]))], [grid], { kind: 'ReshapeOptions', newShape: [pick.length / 2, 2] });
  const other = b.constantTensor({ dtype: 'string', shape: [2], data: against });
  const out = b.output({ dtype: 'bool', shape: [pick.length / 2, 2] });
  b.op(not ? BuiltinOp.NOT_EQUAL : BuiltinOp.EQUAL, [grid, other], [out]);
  return b.build(`GATHER + RESHAPE of strings, then ${not ? 'NOT_EQUAL' : 'EQUAL'} (broadcast)`);
}

function hashtableStrings(): DiffCase {
  const b = new CaseBuilder();
  const lookup = b.input({ dtype: 'int32', shape: [5] }, i32([7, 3, 4, 11, 3]));
  const keys = b.constant({ dtype: 'int32', shape: [4] }, i32([1, 3, 7, 11]));
  const values = b.constantTensor({ dtype: 'string', shape: [4], data: ['one', 'three', 'seven', 'eleven'] });
  const found = b.intermediate({ dtype: 'string', shape: [5] });
  const hits = b.output({ dtype: 'uint8', shape: [5] });
  b.op(BuiltinOp.HASHTABLE_LOOKUP, [lookup, keys, values], [found, hits]);
  const expected = b.constantTensor({ dtype: 'string', shape: [5], data: ['seven', 'three', '', 'eleven', 'thee'] });
  b.op(BuiltinOp.EQUAL, [found, expected], [b.output({ dtype: 'bool', shape: [5] })]);
  return b.build('HASHTABLE_LOOKUP with string values (a miss gives an empty string)');
}

function lshStrings(rng: Rng, type: 'SPARSE' | 'DENSE'): DiffCase {
  const b = new CaseBuilder();
  const seeds = b.constant({ dtype: 'float32', shape: [3, 4] }, uniformFloats(rng, [3, 4], -2, 2));
  const text = b.constantTensor({ dtype: 'string', shape: [3], data: ['the quick', 'brown fox', 'jumps'] });
  const weight = b.input({ dtype: 'float32', shape: [3] }, uniformFloats(rng, [3], -1, 1));
  b.op(BuiltinOp.LSH_PROJECTION, [seeds, text, weight], [b.output({ dtype: 'int32', shape: [type === 'SPARSE' ? 3 : 12] })], { kind: 'LSHProjectionOptions', type });
  return b.build(`LSH_PROJECTION ${type} over a string tensor (chunks of its serialized buffer)`);
}

function skipGram(sentence: string, ngramSize: number, maxSkipSize: number, includeAllNgrams: boolean, expected: string[]): DiffCase {
  const b = new CaseBuilder();
  const input = b.constantTensor({ dtype: 'string', shape: [1], data: [sentence] });
  const grams = b.intermediate({ dtype: 'string', shape: [expected.length] });
  b.op(BuiltinOp.SKIP_GRAM, [input], [grams], { kind: 'SkipGramOptions', ngramSize, maxSkipSize, includeAllNgrams });
  const want = b.constantTensor({ dtype: 'string', shape: [expected.length], data: expected });
  b.op(BuiltinOp.EQUAL, [grams, want], [b.output({ dtype: 'bool', shape: [expected.length] })]);
  return b.build(`SKIP_GRAM ${ngramSize}-grams, skip ≤ ${maxSkipSize}${includeAllNgrams ? ', all sizes' : ''} of "${sentence}"`);
}

export const stringOpsFamily: DiffFamily = {
  name: 'string tensors',
  cases(seed: number): DiffCase[] {
    const rng = new Rng(seed + 797);
    return [
      gatherEqual(['apple', 'pear', '', 'plum', 'fig'], [3, 0, 2, 3], ['plum', ''], false),
      gatherEqual(['a', 'bb', 'ccc'], [1, 1, 2, 0], ['bb', 'a'], true),
      hashtableStrings(),
      lshStrings(rng, 'SPARSE'),
      lshStrings(rng, 'DENSE'),
      skipGram('the quick brown fox', 2, 1, false, ['the quick', 'the brown', 'quick brown', 'quick fox', 'brown fox']),
      // A leading space hides the first word from TFLite's splitter (it never tests byte 0 as a separator).
      skipGram(' a  b c', 2, 0, true, ['b', 'b c', 'c']),
    ];
  },
};
