/**
 * Progressive block decoding (T.81 G.1.2.1-G.1.2.3): DC first and refinement passes, AC spectral-selection
 * first passes with end-of-band runs, and AC successive-approximation refinement, as libjpeg's jdphuff.c.
 */
import { decodeSymbol } from './huffman.js';
import type { BlockDecoder, ScanState } from './scan.js';
import { NATURAL_ORDER, type HuffmanTable, type Scan } from './types.js';

export function progressiveBlockDecoder(scan: Scan, state: ScanState): BlockDecoder {
  const { ss, se, ah, al } = scan;
  if (ss === 0) return ah === 0 ? dcFirst(al) : dcRefine(al);
  return ah === 0 ? acFirst(ss, se, al, state) : acRefine(ss, se, al, state);
}

function dcFirst(al: number): BlockDecoder {
  return (reader, sc, offset) => {
    const t = decodeSymbol(reader, sc.dcTable as HuffmanTable);
    sc.pred = (sc.pred + (t === 0 ? 0 : reader.receiveExtend(t))) | 0;
    sc.component.coefs[offset] = sc.pred * (1 << al);
  };
}

function dcRefine(al: number): BlockDecoder {
  return (reader, sc, offset) => {
    if (reader.readBit()) sc.component.coefs[offset] |= 1 << al;
  };
}

function acFirst(ss: number, se: number, al: number, state: ScanState): BlockDecoder {
  return (reader, sc, offset) => {
    if (state.eobrun > 0) {
      state.eobrun--;
      return;
    }
    const coefs = sc.component.coefs;
    const table = sc.acTable as HuffmanTable;
    for (let k = ss; k <= se; k++) {
      const rs = decodeSymbol(reader, table);
      const r = rs >> 4;
      const s = rs & 15;
      if (s !== 0) {
        k += r;
        coefs[offset + NATURAL_ORDER[k]] = reader.receiveExtend(s) * (1 << al);
      } else if (r === 15) {
        k += 15;
      } else {
        // An end-of-band run of 2^r + extra blocks, this one included.
        state.eobrun = (1 << r) - 1 + reader.read(r);
        break;
      }
    }
  };
}

function acRefine(ss: number, se: number, al: number, state: ScanState): BlockDecoder {
  const p1 = 1 << al;
  const m1 = -1 << al;
  return (reader, sc, offset) => {
    const coefs = sc.component.coefs;
    let k = ss;
    if (state.eobrun === 0) {
      const table = sc.acTable as HuffmanTable;
      for (; k <= se; k++) {
        const rs = decodeSymbol(reader, table);
        const r = rs >> 4;
        const s = rs & 15;
        let value = 0;
        if (s !== 0) {
          // A newly non-zero coefficient is always +-1 at this bit position (libjpeg only warns otherwise).
          value = reader.readBit() ? p1 : m1;
        } else if (r !== 15) {
          state.eobrun = (1 << r) + reader.read(r);
          break;
        }
        // Skip r zero-history coefficients, refining the non-zero ones passed on the way.
        k = reader.refineBand(coefs, offset, NATURAL_ORDER, k, se, r, p1, m1);
        // Past the band (corrupt data) this lands where libjpeg's padded order table puts it.
        if (value !== 0) coefs[offset + NATURAL_ORDER[k]] = value;
      }
    }
    if (state.eobrun > 0) {
      // Inside an end-of-band run only the already non-zero coefficients get a correction bit.
      reader.refineBand(coefs, offset, NATURAL_ORDER, k, se, Infinity, p1, m1);
      state.eobrun--;
    }
  };
}

