/** Baseline (sequential Huffman) block decoding: a DC difference, then run/size-coded AC terms (T.81 F.2.2). */
import type { BitReader } from './bit_reader.js';
import { decodeSymbol } from './huffman.js';
import { NATURAL_ORDER, type HuffmanTable, type ScanComponent } from './types.js';

export function decodeBaselineBlock(reader: BitReader, sc: ScanComponent, offset: number): void {
  const coefs = sc.component.coefs;
  const t = decodeSymbol(reader, sc.dcTable as HuffmanTable);
  // libjpeg keeps the predictor as an int and stores it into a 16-bit coefficient.
  sc.pred = (sc.pred + (t === 0 ? 0 : reader.receiveExtend(t))) | 0;
  coefs[offset] = sc.pred;
  const ac = sc.acTable as HuffmanTable;
  for (let k = 1; k < 64; k++) {
    const rs = decodeSymbol(reader, ac);
    const s = rs & 15;
    const r = rs >> 4;
    if (s === 0) {
      if (r !== 15) break;
      k += 15;
      continue;
    }
    k += r;
    coefs[offset + NATURAL_ORDER[k]] = reader.receiveExtend(s);
  }
}
