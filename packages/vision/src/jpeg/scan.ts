/**
 * Walks the MCUs of one scan in order, handling restart intervals, and hands each block to a block
 * decoder (baseline or one of the progressive passes). A scan of one component codes its blocks one by
 * one over the component's own size; an interleaved scan codes h x v blocks per component per MCU.
 */
import type { TimeBudget } from '../time_budget.js';
import { BitReader } from './bit_reader.js';
import type { Frame, Scan, ScanComponent } from './types.js';

/** Decodes one block whose 64 coefficients start at `offset` in the component's array. */
export type BlockDecoder = (reader: BitReader, sc: ScanComponent, offset: number) => void;

export interface ScanState {
  /** Remaining end-of-band run of the progressive AC passes; reset at restarts. */
  eobrun: number;
}

/** Decodes the entropy-coded data starting at `pos`; returns the position of the marker after it. */
export function decodeScan(
  data: Uint8Array,
  pos: number,
  frame: Frame,
  scan: Scan,
  decodeBlock: BlockDecoder,
  state: ScanState,
  budget: TimeBudget,
): number {
  const reader = new BitReader(data, pos);
  const single = scan.components.length === 1;
  const first = scan.components[0].component;
  const mcusPerLine = single ? Math.ceil(first.width / 8) : frame.mcusPerLine;
  const mcusPerColumn = single ? Math.ceil(first.height / 8) : frame.mcusPerColumn;
  const total = mcusPerLine * mcusPerColumn;
  const interval = scan.restartInterval;
  const workPerMcu = blocksPerMcu(scan) * (scan.se - scan.ss + 1);
  for (let mcu = 0; mcu < total; mcu++) {
    budget.spend(workPerMcu);
    if (interval > 0 && mcu > 0 && mcu % interval === 0) {
      reader.restart();
      for (const sc of scan.components) sc.pred = 0;
      state.eobrun = 0;
    }
    const row = Math.floor(mcu / mcusPerLine);
    const col = mcu - row * mcusPerLine;
    if (single) {
      const c = first;
      decodeBlock(reader, scan.components[0], (row * c.blocksPerLine + col) * 64);
      continue;
    }
    for (const sc of scan.components) {
      const c = sc.component;
      for (let by = 0; by < c.v; by++) {
        const blockRow = row * c.v + by;
        for (let bx = 0; bx < c.h; bx++) {
          decodeBlock(reader, sc, (blockRow * c.blocksPerLine + col * c.h + bx) * 64);
        }
      }
    }
  }
  return reader.nextMarker();
}

/** A single-component scan codes one block per MCU; an interleaved one h x v blocks of each component. */
function blocksPerMcu(scan: Scan): number {
  if (scan.components.length === 1) return 1;
  return scan.components.reduce((n, sc) => n + sc.component.h * sc.component.v, 0);
}
