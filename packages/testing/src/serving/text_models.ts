/**
 * Test support for text: the published movie-review classifier with regex-tokenizer metadata attached (as
 * TFLite Model Maker writes it: the tokenizer on the input tensor, the vocabulary and labels zipped in), and
 * a small BERT-shaped model (ids, mask, segment ids → two classes) with BertTokenizer metadata. Not exported.
 */
import { BuiltinOp } from '@tflite-lambda/runtime';
import { ModelBuilder } from '@tflite-lambda/runtime/builder';
import { writeModelMetadata } from '@tflite-lambda/runtime/metadata';
import { seededRandom } from '../kernels/test_helpers.js';
import { readBytes, sharedPath } from './task_fixtures.js';

export function textClassifierWithMetadata(): Uint8Array {
  return writeModelMetadata(
    readBytes(sharedPath('tasks', 'text', 'model.tflite')),
    {
      name: 'movie review classifier',
      subgraphMetadata: [
        {
          inputTensorMetadata: [
            {
              name: 'input_text',
              processUnits: [{ kind: 'regexTokenizer', delimRegexPattern: "[^\\w\\']+", vocabFile: [{ name: 'vocab.txt', type: 'VOCABULARY' }] }],
            },
          ],
          outputTensorMetadata: [{ name: 'probability', associatedFiles: [{ name: 'labels.txt', type: 'TENSOR_AXIS_LABELS' }] }],
        },
      ],
    },
    new Map([
      ['vocab.txt', readBytes(sharedPath('tasks', 'text', 'vocab.txt'))],
      ['labels.txt', readBytes(sharedPath('tasks', 'text', 'labels.txt'))],
    ]),
  );
}

export const BERT_VOCAB = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', 'the', 'movie', 'was', 'un', '##aff', '##able', 'run', '##ning', ',', '!', 'good'];
export const BERT_LENGTH = 12;

/** The BERT-shaped model's dense weights [2, length], for tests that compute its answer. */
export function bertWeights(): Float32Array {
  const rand = seededRandom(11);
  return Float32Array.from({ length: 2 * BERT_LENGTH }, () => (rand() - 0.5) * 0.2);
}

/** softmax(W · (ids · mask)) over int32 inputs ids, segment_ids, mask (in that order, found by name). */
export function bertLikeModel(): Uint8Array {
  const b = new ModelBuilder();
  const input = (name: string) => b.addInput({ name, dtype: 'int32', shape: [1, BERT_LENGTH] });
  const [ids, , mask] = [input('ids'), input('segment_ids'), input('mask')];
  const f = (name: string) => b.addTensor({ name, dtype: 'float32', shape: [1, BERT_LENGTH] });
  const [idsF, maskF, masked] = [f('ids_f'), f('mask_f'), f('masked')];
  const cast = (from: number, to: number) =>
    b.addOperator({ opcode: BuiltinOp.CAST, inputs: [from], outputs: [to], options: { kind: 'CastOptions', inDataType: 'int32', outDataType: 'float32' } });
  cast(ids, idsF);
  cast(mask, maskF);
  b.addOperator({ opcode: BuiltinOp.MUL, inputs: [idsF, maskF], outputs: [masked], options: { kind: 'MulOptions', fusedActivation: 'NONE', potScaleInt16: true } });
  const w = b.addTensor({ name: 'w', dtype: 'float32', shape: [2, BERT_LENGTH], data: bertWeights() });
  const bias = b.addTensor({ name: 'b', dtype: 'float32', shape: [2], data: new Float32Array(2) });
  const logits = b.addTensor({ name: 'logits', dtype: 'float32', shape: [1, 2] });
  const probability = b.addOutput({ name: 'probability', dtype: 'float32', shape: [1, 2] });
  b.addOperator({
    opcode: BuiltinOp.FULLY_CONNECTED,
    inputs: [masked, w, bias],
    outputs: [logits],
    options: { kind: 'FullyConnectedOptions', fusedActivation: 'NONE', weightsFormat: 'DEFAULT', keepNumDims: false, asymmetricQuantizeInputs: false },
  });
  b.addOperator({ opcode: BuiltinOp.SOFTMAX, inputs: [logits], outputs: [probability], options: { kind: 'SoftmaxOptions', beta: 1 } });
  return writeModelMetadata(
    b.build(),
    {
      name: 'bert-like',
      subgraphMetadata: [
        {
          inputTensorMetadata: [{ name: 'ids' }, { name: 'segment_ids' }, { name: 'mask' }],
          outputTensorMetadata: [{ name: 'probability', associatedFiles: [{ name: 'labels.txt', type: 'TENSOR_AXIS_LABELS' }] }],
          inputProcessUnits: [{ kind: 'bertTokenizer', vocabFile: [{ name: 'vocab.txt', type: 'VOCABULARY' }] }],
        },
      ],
    },
    new Map([
      ['vocab.txt', new TextEncoder().encode(BERT_VOCAB.join('\n'))],
      ['labels.txt', new TextEncoder().encode('negative\npositive\n')],
    ]),
  );
}
