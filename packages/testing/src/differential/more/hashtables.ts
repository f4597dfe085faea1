/**
 * Hash tables (HASHTABLE, HASHTABLE_IMPORT, HASHTABLE_FIND, HASHTABLE_SIZE) as the converter writes them for
 * tf.lookup.StaticHashTable: an int64 → string table and a string → int64 table, chained so that every string
 * the first finds decides the number the second gives (the engines' APIs take no string outputs). The imports
 * hold a duplicate key (the first value stays) and run on every invoke (only the first fills the table);
 * missing keys take the default (30 → 'thirty', a word the second table lacks). One case imports in the main graph, one in a CALL_ONCE init subgraph (the
 * tables are the interpreter's, shared by its subgraphs), one looks up a 2-D block of keys.
 */
import { BuiltinOp, type BuiltinOptions } from '@tflite-lambda/runtime/internal';
import type { SubgraphBuilder } from '@tflite-lambda/runtime/builder';
import { CaseBuilder, type DiffCase, type DiffFamily } from '../case_builder.js';

const NUMBERS_TO_WORDS = { tableId: 1, keys: [10n, 20n, 30n, 40n, 20n], values: ['ten', 'twenty', 'thirty', 'forty', 'TWENTY'] };
const WORDS_TO_NUMBERS = { tableId: 2, keys: ['ten', 'twenty', 'forty', 'unknown', 'TWENTY', 'ten'], values: [1n, 2n, 4n, -1n, 99n, 77n] };

function tableOptions(tableId: number, keyDtype: 'int64' | 'string'): BuiltinOptions {
  return { kind: 'HashtableOptions', tableId, keyDtype, valueDtype: keyDtype === 'int64' ? 'string' : 'int64' };
}

function int64Tensor(sg: SubgraphBuilder, name: string, values: bigint[]): number {
  return sg.addTensor({ name, dtype: 'int64', shape: [values.length], data: BigInt64Array.from(values) });
}

function stringTensor(sg: SubgraphBuilder, name: string, values: string[]): number {
  return sg.addTensor({ name, dtype: 'string', shape: [values.length], data: values });
}

/** HASHTABLE + HASHTABLE_IMPORT of both tables in `sg`; returns the two handles. */
function makeTables(sg: SubgraphBuilder): [number, number] {
  const a = sg.addTensor({ name: 'numbers_to_words', dtype: 'resource', shape: [1] });
  const b = sg.addTensor({ name: 'words_to_numbers', dtype: 'resource', shape: [1] });
  sg.addOperator({ opcode: BuiltinOp.HASHTABLE, inputs: [], outputs: [a], options: tableOptions(NUMBERS_TO_WORDS.tableId, 'int64') });
  sg.addOperator({ opcode: BuiltinOp.HASHTABLE, inputs: [], outputs: [b], options: tableOptions(WORDS_TO_NUMBERS.tableId, 'string') });
  const aKeys = int64Tensor(sg, 'a_keys', NUMBERS_TO_WORDS.keys), aValues = stringTensor(sg, 'a_values', NUMBERS_TO_WORDS.values);
  const bKeys = stringTensor(sg, 'b_keys', WORDS_TO_NUMBERS.keys), bValues = int64Tensor(sg, 'b_values', WORDS_TO_NUMBERS.values);
  sg.addOperator({ opcode: BuiltinOp.HASHTABLE_IMPORT, inputs: [a, aKeys, aValues], outputs: [] });
  sg.addOperator({ opcode: BuiltinOp.HASHTABLE_IMPORT, inputs: [b, bKeys, bValues], outputs: [] });
  return [a, b];
}

/** Handles to the tables without importing (the init subgraph did). */
function tableHandles(b: CaseBuilder): [number, number] {
  const a = b.intermediate({ dtype: 'resource', shape: [1] });
  const c = b.intermediate({ dtype: 'resource', shape: [1] });
  b.op(BuiltinOp.HASHTABLE, [], [a], tableOptions(NUMBERS_TO_WORDS.tableId, 'int64'));
  b.op(BuiltinOp.HASHTABLE, [], [c], tableOptions(WORDS_TO_NUMBERS.tableId, 'string'));
  return [a, c];
}

function roundTrip(name: string, queries: bigint[], shape: number[], init: 'main graph' | 'CALL_ONCE'): DiffCase {
  const b = new CaseBuilder();
  const q = b.input({ dtype: 'int64', shape }, BigInt64Array.from(queries));
  let handles: [number, number];
  if (init === 'CALL_ONCE') {
    const sg = b.subgraph('init_tables');
    makeTables(sg);
    b.op(BuiltinOp.CALL_ONCE, [], [], { kind: 'CallOnceOptions', initSubgraphIndex: sg.index });
    handles = tableHandles(b);
  } else {
    handles = makeTables(b.mainSubgraph());
  }
  const [toWords, toNumbers] = handles;
  const unknownWord = b.constantTensor({ dtype: 'string', shape: [], data: ['unknown'] });
  const words = b.intermediate({ dtype: 'string', shape });
  b.op(BuiltinOp.HASHTABLE_FIND, [toWords, q, unknownWord], [words]);
  const missing = b.constant({ dtype: 'int64', shape: [1] }, BigInt64Array.of(-5n));
  b.op(BuiltinOp.HASHTABLE_FIND, [toNumbers, words, missing], [b.output({ dtype: 'int64', shape })]);
  b.op(BuiltinOp.HASHTABLE_SIZE, [toWords], [b.output({ dtype: 'int64', shape: [1] })]);
  b.op(BuiltinOp.HASHTABLE_SIZE, [toNumbers], [b.output({ dtype: 'int64', shape: [1] })]);
  return b.build(name, 3);
}

export const hashtablesFamily: DiffFamily = {
  name: 'hash tables (int64 → string → int64, imported once, with defaults)',
  cases: () => [
    roundTrip('HASHTABLE_FIND through two tables imported in the main graph, sizes', [20n, 40n, 7n, 10n, 30n, 20n], [6], 'main graph'),
    roundTrip('HASHTABLE_FIND through two tables a CALL_ONCE init subgraph imported', [30n, -1n, 10n, 40n], [4], 'CALL_ONCE'),
    roundTrip('HASHTABLE_FIND of a 2-D block of keys', [10n, 11n, 20n, 30n, 40n, 0n], [2, 3], 'main graph'),
  ],
};
