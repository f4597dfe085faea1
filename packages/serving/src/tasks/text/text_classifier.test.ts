/**
 * TextClassifier on the published movie-review model (regex tokenizer: metadata we attach, or options) and
 * on a BERT-shaped model; scores against TFLite's kernels (LiteRT.js) on the ids computed here by hand.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { writeModelMetadata } from '@tflite-lambda/runtime/metadata';
import { skipWithoutShared } from '@tflite-lambda/testing';
import { LiteRtOracle } from '@tflite-lambda/testing/litert';
import { BERT_LENGTH, BERT_VOCAB, bertLikeModel, readBytes, sharedPath, textClassifierWithMetadata } from '@tflite-lambda/testing/serving';
import { TextClassifier } from './text_classifier.js';

const POSITIVE = 'this is the best movie i have ever seen wonderful acting and a great story';
const NEGATIVE = 'a terrible boring film awful acting and a waste of time';

describe('the movie-review classifier', { skip: skipWithoutShared() }, () => {
  let oracle: LiteRtOracle;
  let vocab: Map<string, number>;
  before(async () => {
    oracle = await LiteRtOracle.create();
    vocab = new Map(
      new TextDecoder().decode(readBytes(sharedPath('tasks', 'text', 'vocab.txt'))).split('\n').map((l) => l.split(' ')).map(([w, id]) => [w, Number(id)]),
    );
  });

  /** <START>, each word's id (or <UNKNOWN>), <PAD> to 256 — the go-tflite example's preprocessing, by hand. */
  function ids(text: string): Float32Array {
    const out = new Float32Array(256).fill(vocab.get('<PAD>') ?? 0);
    out[0] = vocab.get('<START>') ?? 1;
    text.split(' ').forEach((w, i) => { (out[i + 1] = vocab.get(w) ?? vocab.get('<UNKNOWN>') ?? 2); });
    return out;
  }

  it('reads its tokenizer, vocabulary and labels from metadata: a positive and a negative review', async () => {
    const clf = await TextClassifier.load(textClassifierWithMetadata());
    assert.equal(clf.tokenizerKind, 'regex');
    for (const [text, label] of [[POSITIVE, 'Positive'], [NEGATIVE, 'Negative']]) {
      const { categories } = clf.classify(text).classifications[0];
      assert.equal(categories[0].categoryName, label, text);
      const [expected] = await oracle.run(readBytes(sharedPath('tasks', 'text', 'model.tflite')), [{ dtype: 'float32', shape: [1, 256], data: ids(text) }]);
      for (const c of categories) assert.ok(Math.abs(c.score - (expected.data as Float32Array)[c.index]) <= 1e-5, `${label}: ${c.categoryName}`);
    }
  });

  it('takes the tokenizer from options for the model as published (no metadata)', async () => {
    const clf = await TextClassifier.load(sharedPath('tasks', 'text', 'model.tflite'), {
      tokenizer: { kind: 'regex', vocab: sharedPath('tasks', 'text', 'vocab.txt') },
      labels: sharedPath('tasks', 'text', 'labels.txt'),
      lowercase: true,
    });
    assert.equal(clf.classify(POSITIVE.toUpperCase()).classifications[0].categories[0].categoryName, 'Positive');
    assert.throws(() => clf.classify('   '), { code: 'INVALID_INPUT' });
  });

  it('refuses a model with no tokenizer, and a SentencePiece one by name', async () => {
    const plain = readBytes(sharedPath('tasks', 'text', 'model.tflite'));
    await assert.rejects(TextClassifier.load(plain), /needs a tokenizer/);
    const sp = writeModelMetadata(plain, {
      subgraphMetadata: [{ inputProcessUnits: [{ kind: 'sentencePieceTokenizer', sentencePieceModel: [{ name: 'sp.model', type: 'UNKNOWN' }], vocabFile: [] }] }],
    }, new Map([['sp.model', new Uint8Array(4)]]));
    await assert.rejects(TextClassifier.load(sp), /SentencePiece tokenizer, which is not supported/);
  });
});

describe('a BERT-shaped classifier with BertTokenizer metadata', () => {
  it('fills ids, mask and segment ids by name, and scores as LiteRT.js does', async () => {
    const model = bertLikeModel();
    const clf = await TextClassifier.load(model);
    assert.equal(clf.tokenizerKind, 'bert');
    const text = 'The movie was unaffable, good!';
    // [CLS] the movie was un ##aff ##able , good ! [SEP], then padding.
    const tokens = ['[CLS]', 'the', 'movie', 'was', 'un', '##aff', '##able', ',', 'good', '!', '[SEP]'];
    const ids = Int32Array.from({ length: BERT_LENGTH }, (_, i) => (i < tokens.length ? BERT_VOCAB.indexOf(tokens[i]) : 0));
    const mask = Int32Array.from({ length: BERT_LENGTH }, (_, i) => (i < tokens.length ? 1 : 0));
    const oracle = await LiteRtOracle.create();
    const [expected] = await oracle.run(model, [
      { dtype: 'int32', shape: [1, BERT_LENGTH], data: ids },
      { dtype: 'int32', shape: [1, BERT_LENGTH], data: new Int32Array(BERT_LENGTH) },
      { dtype: 'int32', shape: [1, BERT_LENGTH], data: mask },
    ]);
    const { categories } = clf.classify(text).classifications[0];
    for (const c of categories) assert.ok(Math.abs(c.score - (expected.data as Float32Array)[c.index]) <= 1e-6, c.categoryName);
    assert.deepEqual(categories.map((c) => c.categoryName).sort(), ['negative', 'positive']);
  });
});
