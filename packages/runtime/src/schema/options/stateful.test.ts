import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BuiltinOp } from '../../core/ops.js';
import type { BuiltinOptions } from '../../core/options.js';
import { singleOpModel } from '../builder/index.js';
import { readModel } from '../read_model.js';

function readEmpty(table: string): BuiltinOptions | null {
  const bytes = singleOpModel({
    opcode: BuiltinOp.CUSTOM,
    options: { kind: 'EmptyOptions', table },
    inputs: [{ dtype: 'float32', shape: [2] }],
    outputs: [{ dtype: 'float32', shape: [2] }],
  });
  return readModel(bytes).subgraphs[0].operators[0].options;
}

test('an empty BidirectionalSequenceLSTMOptions reads as time-major, as version 1 assumed', () => {
  assert.deepEqual(readEmpty('BidirectionalSequenceLSTMOptions'), {
    kind: 'BidirectionalSequenceLSTMOptions',
    fusedActivation: 'NONE', cellClip: 0, projClip: 0, mergeOutputs: false, timeMajor: true, asymmetricQuantizeInputs: false,
  });
});

test('an empty UniqueOptions gives int32 indices and an empty LSTMOptions the full kernel', () => {
  assert.deepEqual(readEmpty('UniqueOptions'), { kind: 'UniqueOptions', idxOutType: 'int32' });
  assert.equal((readEmpty('LSTMOptions') as { kernelType: string }).kernelType, 'FULL');
});

test('an empty VarHandleOptions has empty container and shared name', () => {
  assert.deepEqual(readEmpty('VarHandleOptions'), { kind: 'VarHandleOptions', container: '', sharedName: '' });
});
