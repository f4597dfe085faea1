/** Huffman tables from a DHT segment (T.81 Annex C) and symbol decoding with a 9-bit look-ahead table. */
import type { BitReader } from './bit_reader.js';
import { corrupt, type HuffmanTable } from './types.js';

const LOOKAHEAD = 9;

/** Builds a table from the 16 code-length counts and the symbols in code order. */
export function buildHuffmanTable(counts: Uint8Array, symbols: Uint8Array): HuffmanTable {
  const lookup = new Uint16Array(1 << LOOKAHEAD);
  const maxCode = new Int32Array(18).fill(-1);
  const valueOffset = new Int32Array(18);
  let code = 0;
  let k = 0;
  for (let len = 1; len <= 16; len++) {
    const n = counts[len - 1];
    valueOffset[len] = k - code;
    for (let i = 0; i < n; i++, k++, code++) {
      if (len <= LOOKAHEAD) {
        const shift = LOOKAHEAD - len;
        const entry = (len << 8) | symbols[k];
        for (let j = code << shift, end = (code + 1) << shift; j < end; j++) lookup[j] = entry;
      }
    }
    if (n > 0) maxCode[len] = code - 1;
    // Codes of one length must fit in that many bits, or the table is not a prefix code.
    if (code > 1 << len) throw corrupt('has a bad Huffman table (code lengths overflow)');
    code <<= 1;
  }
  return { lookup, maxCode, valueOffset, symbols };
}

/** Decodes one symbol. */
export function decodeSymbol(reader: BitReader, table: HuffmanTable): number {
  const entry = table.lookup[reader.peek(LOOKAHEAD)];
  if (entry !== 0) {
    reader.skip(entry >> 8);
    return entry & 0xff;
  }
  const bits = reader.peek(16);
  for (let len = LOOKAHEAD + 1; len <= 16; len++) {
    const code = bits >>> (16 - len);
    if (code <= table.maxCode[len]) {
      reader.skip(len);
      return table.symbols[table.valueOffset[len] + code];
    }
  }
  throw corrupt('scan has an invalid Huffman code');
}
