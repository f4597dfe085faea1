/**
 * The n-grams SKIP_GRAM emits for one sentence, as TFLite's skip_gram.cc: the sentence is split into words
 * at ASCII whitespace (its first byte never counts as a separator), then every sequence of `ngramSize` words
 * (or 1…ngramSize with include_all_ngrams) whose consecutive picks skip at most `maxSkipSize` words is joined
 * with single spaces, in the order of TFLite's iterative depth-first enumeration.
 */
import type { SkipGramOptions } from '../../core/options.js';

const isSpace = (b: number): boolean => b === 0x20 || (b >= 0x09 && b <= 0x0d);

function splitWords(s: Uint8Array): Uint8Array[] {
  const words: Uint8Array[] = [];
  let start = 0;
  for (let i = 1; i < s.length; i++) {
    if (!isSpace(s[i]!)) continue;
    if (i > start && !isSpace(s[start]!)) words.push(s.subarray(start, i));
    start = i + 1;
  }
  if (s.length > start) words.push(s.subarray(start));
  return words;
}

function join(words: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(words.reduce((n, w) => n + w.length, 0) + words.length - 1);
  let at = 0;
  words.forEach((w, i) => {
    if (i > 0) out[at++] = 0x20;
    out.set(w, at);
    at += w.length;
  });
  return out;
}

export function skipGrams(sentence: Uint8Array, o: SkipGramOptions): Uint8Array[] {
  const words = splitWords(sentence);
  const grams: Uint8Array[] = [];
  const n = o.ngramSize;
  if (words.length < n || n < 1) return grams;
  const stack = new Array<number>(n).fill(0);
  const include = (size: number) => size > 0 && (o.includeAllNgrams ? size <= n : size === n);
  const stepIn = (depth: number) =>
    depth < n && stack[depth]! + 1 < words.length && (depth === 0 || stack[depth]! - stack[depth - 1]! <= o.maxSkipSize);
  let depth = 1;
  while (depth >= 0) {
    if (stepIn(depth)) {
      stack[depth]!++;
      depth++;
      if (depth < n) stack[depth] = stack[depth - 1]!;
    } else {
      if (include(depth)) grams.push(join(stack.slice(0, depth).map((k) => words[k]!)));
      depth--;
    }
  }
  return grams;
}
