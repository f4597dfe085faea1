/**
 * BERT's tokenizer as TFLite Support runs it: ASCII lower-casing, a split at whitespace and around every
 * punctuation character (ASCII symbols and Unicode punctuation become tokens of their own) and CJK
 * ideograph, then WordPiece — each word split greedily into the longest vocabulary pieces, pieces after the
 * first marked '##'; a word that cannot be split, or is over 100 characters, becomes [UNK].
 */
import { TaskError } from '../core/errors.js';

const MAX_CHARS_PER_WORD = 100;
const SPLIT = /[!-/:-@[-`{-~]|\p{P}|[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]|[\u{20000}-\u{2A6DF}]/u;

export class WordPieceTokenizer {
  constructor(private readonly vocab: ReadonlyMap<string, number>) {
    for (const token of ['[CLS]', '[SEP]', '[UNK]']) {
      if (!vocab.has(token)) throw new TaskError('UNSUPPORTED_MODEL', `the BERT vocabulary has no ${token} token`);
    }
  }

  /** Whitespace- and punctuation-separated words. */
  basicTokens(text: string): string[] {
    const words: string[] = [];
    let current = '';
    for (const ch of text.replace(/[A-Z]/g, (c) => c.toLowerCase())) {
      if (/\s/u.test(ch)) {
        if (current) words.push(current);
        current = '';
      } else if (SPLIT.test(ch)) {
        if (current) words.push(current);
        words.push(ch);
        current = '';
      } else current += ch;
    }
    if (current) words.push(current);
    return words;
  }

  wordPieces(word: string): string[] {
    const chars = [...word];
    if (chars.length > MAX_CHARS_PER_WORD) return ['[UNK]'];
    const pieces: string[] = [];
    for (let start = 0; start < chars.length; ) {
      let end = chars.length;
      let piece: string | null = null;
      for (; end > start; end--) {
        const candidate = (start > 0 ? '##' : '') + chars.slice(start, end).join('');
        if (this.vocab.has(candidate)) {
          piece = candidate;
          break;
        }
      }
      if (piece === null) return ['[UNK]'];
      pieces.push(piece);
      start = end;
    }
    return pieces;
  }

  tokenize(text: string): string[] {
    return this.basicTokens(text).flatMap((w) => this.wordPieces(w));
  }

  /** [CLS] tokens [SEP] as ids, with the attention mask and segment ids, padded with 0 to `length`. */
  encode(text: string, length: number): { ids: number[]; mask: number[]; segments: number[] } {
    const tokens = ['[CLS]', ...this.tokenize(text).slice(0, Math.max(0, length - 2)), '[SEP]'];
    const ids = new Array<number>(length).fill(0);
    const mask = new Array<number>(length).fill(0);
    tokens.forEach((t, i) => {
      ids[i] = this.vocab.get(t) as number;
      mask[i] = 1;
    });
    return { ids, mask, segments: new Array<number>(length).fill(0) };
  }
}
