import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RegexTokenizer } from './regex_tokenizer.js';
import { vocabByLine, vocabWithIds } from './vocab.js';
import { WordPieceTokenizer } from './wordpiece_tokenizer.js';

const VOCAB = vocabWithIds('<PAD> 0\n<START> 1\n<UNKNOWN> 2\nthis 3\nmovie 4\ndon\'t 5\nstop 6\n\nbroken line\n');

describe('regex tokenizer (TFLite Support NLClassifier semantics)', () => {
  const tokenizer = new RegexTokenizer("[^\\w\\']+", VOCAB);
  it('splits at runs of delimiters, keeps apostrophes, drops empty pieces, keeps case', () => {
    assert.deepEqual(tokenizer.tokenize("  This movie -- don't stop!  "), ['This', 'movie', "don't", 'stop']);
  });
  it('maps to ids: <START> first, <UNKNOWN> for words not in the vocabulary, <PAD> to the length, truncated', () => {
    assert.deepEqual(tokenizer.ids("this movie, don't STOP", 7), [1, 3, 4, 5, 2, 0, 0]);
    assert.deepEqual(tokenizer.ids('this movie this movie', 3), [1, 3, 4]);
  });
  it('lower-cases only when asked', () => {
    assert.deepEqual(new RegexTokenizer("[^\\w\\']+", VOCAB, true).ids('THIS', 3), [1, 3, 0]);
  });
  it('refuses a vocabulary without <PAD> or <UNKNOWN>, and a pattern JavaScript cannot compile', () => {
    assert.throws(() => new RegexTokenizer(' ', vocabWithIds('a 1')), /no <PAD> token/);
    assert.throws(() => new RegexTokenizer('(', VOCAB), /not a valid regular expression/);
  });
});

describe('BERT WordPiece tokenizer', () => {
  const vocab = vocabByLine(['[PAD]', '[UNK]', '[CLS]', '[SEP]', 'un', '##aff', '##able', 'run', '##ning', ',', '!', '世', 'the'].join('\n'));
  const tokenizer = new WordPieceTokenizer(vocab);
  it('lower-cases ASCII, splits punctuation and CJK characters off, and splits words into the longest pieces', () => {
    assert.deepEqual(tokenizer.tokenize('Unaffable, RUNNING!世界'), ['un', '##aff', '##able', ',', 'run', '##ning', '!', '世', '[UNK]']);
  });
  it('makes a word it cannot split, or one over 100 characters, [UNK]', () => {
    assert.deepEqual(tokenizer.tokenize(`xyz the ${'a'.repeat(101)}`), ['[UNK]', 'the', '[UNK]']);
  });
  it('encodes [CLS] tokens [SEP], with the attention mask and zero segment ids, padded and truncated', () => {
    assert.deepEqual(tokenizer.encode('run the', 6), { ids: [2, 7, 12, 3, 0, 0], mask: [1, 1, 1, 1, 0, 0], segments: [0, 0, 0, 0, 0, 0] });
    assert.deepEqual(tokenizer.encode('run run run run', 4).ids, [2, 7, 7, 3]);
  });
});
