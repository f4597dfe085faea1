/** Vocabulary files as TFLite Support reads them. */

const utf8 = new TextDecoder('utf-8');

function lines(bytes: Uint8Array | string): string[] {
  const text = typeof bytes === 'string' ? bytes : utf8.decode(bytes);
  return text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

/** "token id" per line (the regex tokenizer's vocabulary): lines without a numeric id are skipped. */
export function vocabWithIds(bytes: Uint8Array | string): Map<string, number> {
  const vocab = new Map<string, number>();
  for (const line of lines(bytes)) {
    const [token, id] = line.split(' ');
    const n = Number(id);
    if (token !== '' && id !== undefined && Number.isInteger(n)) vocab.set(token, n);
  }
  return vocab;
}

/** One token per line, its id the line number (BERT's vocab.txt). */
export function vocabByLine(bytes: Uint8Array | string): Map<string, number> {
  const vocab = new Map<string, number>();
  lines(bytes).forEach((token, i) => {
    if (token !== '' && !vocab.has(token)) vocab.set(token, i);
  });
  return vocab;
}
