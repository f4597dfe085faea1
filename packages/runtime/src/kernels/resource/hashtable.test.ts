/**
 * Hash table kernels, hand-checked where the reference engines cannot look (string inputs and outputs, the
 * errors TFLite reports); the int64 → string → int64 lookups are checked against LiteRT.js by the testing
 * package's hash table family.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StateError, TensorError, UnsupportedError } from '../../core/errors.js';
import { BuiltinOp } from '../../core/ops.js';
import type { BuiltinOptions } from '../../core/options.js';
import { ModelBuilder } from '../../schema/builder/index.js';
import { Interpreter } from '../../interpreter/interpreter.js';

const WORDS: BuiltinOptions = { kind: 'HashtableOptions', tableId: 7, keyDtype: 'string', valueDtype: 'int64' };

interface TableModel {
  readonly options?: BuiltinOptions;
  readonly importKeys?: readonly string[] | null;
  readonly importValues?: readonly bigint[];
  readonly valueDtype?: 'int64' | 'int32';
}

/** A string input looked up in a string → int64 table (imported from constants unless importKeys is null). */
function wordModel(m: TableModel = {}): Uint8Array {
  const b = new ModelBuilder();
  const words = b.addInput({ name: 'words', dtype: 'string', shape: [4] });
  const h = b.addTensor({ name: 'table', dtype: 'resource', shape: [1] });
  b.addOperator({ opcode: BuiltinOp.HASHTABLE, inputs: [], outputs: [h], options: m.options ?? WORDS });
  if (m.importKeys !== null) {
    const keys = m.importKeys ?? ['cat', 'dog', 'cat', ''];
    const k = b.addTensor({ name: 'keys', dtype: 'string', shape: [keys.length], data: [...keys] });
    const values = m.importValues ?? [1n, 2n, 3n, 4n];
    const v = b.addTensor({ name: 'values', dtype: 'int64', shape: [values.length], data: BigInt64Array.from(values) });
    b.addOperator({ opcode: BuiltinOp.HASHTABLE_IMPORT, inputs: [h, k, v], outputs: [] });
  }
  const dtype = m.valueDtype ?? 'int64';
  const fallback = b.addTensor({ name: 'default', dtype, shape: [], data: dtype === 'int64' ? BigInt64Array.of(-1n) : Int32Array.of(-1) });
  const ids = b.addOutput({ name: 'ids', dtype, shape: [4] });
  b.addOperator({ opcode: BuiltinOp.HASHTABLE_FIND, inputs: [h, words, fallback], outputs: [ids] });
  const size = b.addOutput({ name: 'size', dtype: 'int64', shape: [1] });
  b.addOperator({ opcode: BuiltinOp.HASHTABLE_SIZE, inputs: [h], outputs: [size] });
  return b.build();
}

function lookUp(model: Uint8Array, words: string[]): { ids: bigint[]; size: bigint } {
  const it = Interpreter.loadSync(model);
  it.allocateTensors();
  it.setTensor(it.getInputDetails()[0]!.index, words);
  it.invoke();
  const [ids, size] = it.getOutputDetails().map((d) => [...(it.getTensor(d.index) as BigInt64Array)]);
  return { ids: ids!, size: size![0]! };
}

test('HASHTABLE_FIND maps string inputs through a string → int64 table; a duplicate key keeps its first value', () => {
  // 'cat' is imported twice (1, then 3): std::unordered_map::insert keeps 1. The empty string is a key too.
  assert.deepEqual(lookUp(wordModel(), ['dog', 'cat', 'bird', '']), { ids: [2n, 1n, -1n, 4n], size: 3n });
});

test('HASHTABLE_FIND on int64 keys gives string values, the default for a miss', () => {
  const b = new ModelBuilder();
  const q = b.addInput({ name: 'q', dtype: 'int64', shape: [3] });
  const h = b.addTensor({ name: 'table', dtype: 'resource', shape: [1] });
  b.addOperator({ opcode: BuiltinOp.HASHTABLE, inputs: [], outputs: [h], options: { kind: 'HashtableOptions', tableId: 0, keyDtype: 'int64', valueDtype: 'string' } });
  const k = b.addTensor({ name: 'keys', dtype: 'int64', shape: [2], data: BigInt64Array.of(5n, -9n) });
  const v = b.addTensor({ name: 'values', dtype: 'string', shape: [2], data: ['five', 'minus nine'] });
  b.addOperator({ opcode: BuiltinOp.HASHTABLE_IMPORT, inputs: [h, k, v], outputs: [] });
  const fallback = b.addTensor({ name: 'default', dtype: 'string', shape: [1], data: ['?'] });
  const out = b.addOutput({ name: 'words', dtype: 'string', shape: [3] });
  b.addOperator({ opcode: BuiltinOp.HASHTABLE_FIND, inputs: [h, q, fallback], outputs: [out] });
  const it = Interpreter.loadSync(b.build());
  it.allocateTensors();
  it.setTensor(it.getInputDetails()[0]!.index, BigInt64Array.of(-9n, 4n, 5n));
  it.invoke();
  assert.deepEqual(it.getTensor(it.getOutputDetails()[0]!.index), ['minus nine', '?', 'five']);
});

test('HASHTABLE_IMPORT fills a table once: a later import of other values changes nothing', () => {
  const it = Interpreter.loadSync(wordModel());
  it.allocateTensors();
  for (let i = 0; i < 3; i++) {
    it.setTensor(it.getInputDetails()[0]!.index, ['cat', 'cat', 'dog', 'x']);
    it.invoke();
  }
  assert.deepEqual([...(it.getTensor(it.getOutputDetails()[0]!.index) as BigInt64Array)], [1n, 1n, 2n, -1n]);
});

test('HASHTABLE_FIND before any import is a StateError, as TFLite fails the invoke', () => {
  assert.throws(() => lookUp(wordModel({ importKeys: null }), ['a', 'b', 'c', 'd']), (e: unknown) => e instanceof StateError && /before any HASHTABLE_IMPORT/.test(String(e)));
});

test('a table of a dtype pair TFLite has no table for is refused with UnsupportedError', () => {
  const options: BuiltinOptions = { kind: 'HashtableOptions', tableId: 1, keyDtype: 'int32', valueDtype: 'int64' };
  assert.throws(() => Interpreter.loadSync(wordModel({ options })).allocateTensors(), (e: unknown) => e instanceof UnsupportedError && /int32 → int64/.test(String(e)));
});

test('HASHTABLE_FIND whose output is not the value dtype of the key is a TensorError', () => {
  assert.throws(() => Interpreter.loadSync(wordModel({ valueDtype: 'int32' })).allocateTensors(), (e: unknown) => e instanceof TensorError && /string and int64/.test(String(e)));
});

test('HASHTABLE_IMPORT with keys and values of different lengths is refused at prepare', () => {
  assert.throws(() => Interpreter.loadSync(wordModel({ importKeys: ['a', 'b', 'c'] })).allocateTensors(), /keys \[3\] and values \[4\] must have one shape/);
});

test('a lookup of string keys in an int64 → string table fails naming both dtype pairs', () => {
  // Two HASHTABLE nodes with one table id: the second finds the first's table, whatever dtypes it declares.
  const b = new ModelBuilder();
  const q = b.addInput({ name: 'q', dtype: 'string', shape: [1] });
  const h1 = b.addTensor({ name: 'h1', dtype: 'resource', shape: [1] });
  const h2 = b.addTensor({ name: 'h2', dtype: 'resource', shape: [1] });
  b.addOperator({ opcode: BuiltinOp.HASHTABLE, inputs: [], outputs: [h1], options: { kind: 'HashtableOptions', tableId: 3, keyDtype: 'int64', valueDtype: 'string' } });
  b.addOperator({ opcode: BuiltinOp.HASHTABLE, inputs: [], outputs: [h2], options: { ...WORDS, tableId: 3 } });
  const fallback = b.addTensor({ name: 'default', dtype: 'int64', shape: [1], data: BigInt64Array.of(0n) });
  const ids = b.addOutput({ name: 'ids', dtype: 'int64', shape: [1] });
  b.addOperator({ opcode: BuiltinOp.HASHTABLE_FIND, inputs: [h2, q, fallback], outputs: [ids] });
  const it = Interpreter.loadSync(b.build());
  it.allocateTensors();
  it.setTensor(it.getInputDetails()[0]!.index, ['a']);
  assert.throws(() => it.invoke(), (e: unknown) => e instanceof TensorError && /maps int64 → string.*string → int64/.test(String(e)));
});
