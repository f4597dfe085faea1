/**
 * The regex tokenizer of TFLite Support's NLClassifier: the text is split at every match of the delimiter
 * pattern (empty pieces dropped), pieces become ids through the vocabulary ("token id" lines), unknown ones
 * <UNKNOWN>; the ids start with <START> when the vocabulary has it and are padded with <PAD> to the input
 * length. Like the Task Library, it does not change case unless asked (`lowercase`).
 */
import { TaskError } from '../core/errors.js';

export class RegexTokenizer {
  private readonly delimiter: RegExp;

  constructor(
    pattern: string,
    private readonly vocab: ReadonlyMap<string, number>,
    private readonly lowercase = false,
  ) {
    try {
      this.delimiter = new RegExp(pattern, 'g');
    } catch (err) {
      throw new TaskError('UNSUPPORTED_MODEL', `the tokenizer's delimiter pattern /${pattern}/ is not a valid regular expression here: ${String(err)}`);
    }
    for (const token of ['<PAD>', '<UNKNOWN>']) {
      if (!vocab.has(token)) throw new TaskError('UNSUPPORTED_MODEL', `the regex tokenizer's vocabulary has no ${token} token`);
    }
  }

  tokenize(text: string): string[] {
    const source = this.lowercase ? text.toLowerCase() : text;
    const tokens: string[] = [];
    let last = 0;
    this.delimiter.lastIndex = 0;
    for (let m = this.delimiter.exec(source); m !== null; m = this.delimiter.exec(source)) {
      if (m[0] === '') {
        this.delimiter.lastIndex++; // an empty delimiter match splits nothing; step over it
        continue;
      }
      if (m.index > last) tokens.push(source.slice(last, m.index));
      last = m.index + m[0].length;
    }
    if (last < source.length) tokens.push(source.slice(last));
    return tokens;
  }

  /** <START>? ids… <PAD>…, exactly `length` of them. */
  ids(text: string, length: number): number[] {
    const pad = this.vocab.get('<PAD>') as number;
    const unknown = this.vocab.get('<UNKNOWN>') as number;
    const start = this.vocab.get('<START>');
    const ids: number[] = start === undefined ? [] : [start];
    for (const token of this.tokenize(text)) {
      if (ids.length >= length) break;
      ids.push(this.vocab.get(token) ?? unknown);
    }
    while (ids.length < length) ids.push(pad);
    return ids.slice(0, length);
  }
}
