/**
 * Decodes a JPEG the way libjpeg-turbo does with Pillow's settings: markers are read in order, every scan
 * (baseline or progressive) fills the components' coefficient arrays, and after EOI the image is produced
 * row by row — islow IDCT one block row at a time, fancy upsampling and colour conversion per output row.
 * Output rows: 1-channel gray (Pillow's "L") or 3-channel RGB; 4-component CMYK/YCCK files come out as the
 * RGB Pillow's convert('RGB') makes of them.
 *
 * The frame header is checked against the limits before the coefficient arrays (2 bytes per sample, MCU
 * padding included) are allocated; the time budget is spent per MCU and per row.
 */
import { ImageError } from '../errors.js';
import type { ImageLimits } from '../limits.js';
import type { TimeBudget } from '../time_budget.js';
import type { RowSink } from '../types.js';
import { decodeBaselineBlock } from './baseline.js';
import { cmykToRgbRow, interleaveRow, yccToRgbRow } from './color.js';
import { ComponentRows } from './component_rows.js';
import { progressiveBlockDecoder } from './progressive.js';
import { decodeScan, type ScanState } from './scan.js';
import {
  newTables, readAppSegment, readFrame, readHuffmanTables, readQuantTables, readRestartInterval, readScanHeader,
  segmentPayload, type DecoderTables,
} from './segments.js';
import { corrupt, type Frame, type Scan } from './types.js';
import { rowUpsampler, type RowUpsampler } from './upsample.js';

export function decodeJpegRows(bytes: Uint8Array, limits: ImageLimits, budget: TimeBudget, sink: RowSink): void {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) throw corrupt('does not start with SOI');
  const tables = newTables();
  const frame = readSegments(bytes, tables, limits, budget);
  emitRows(frame, tables, budget, sink);
}

/**
 * Coefficient visits allowed per block over all scans. Each scan visits every block of its components
 * across its spectral band even when its data is a few bytes (one end-of-band run), so a hostile file of
 * many scans costs time without costing bytes. Encoders' own progressions need at most about four passes:
 * libjpeg's standard script 191 visits per luma block, jpegli's 186, mozjpeg's deepest (successive
 * approximation from bit 3 on luma) 253. Four full passes admit all of them and bound the worst case to
 * under twice a baseline decode (the README's decode-budget table).
 */
const WORK_PER_BLOCK = 64 * 4;

/** Reads markers and scans up to EOI; returns the frame with all coefficients decoded. */
function readSegments(bytes: Uint8Array, tables: DecoderTables, limits: ImageLimits, budget: TimeBudget): Frame {
  let frame: Frame | null = null;
  const state: ScanState = { eobrun: 0 };
  let work = 0;
  let at = 2;
  for (;;) {
    // Like libjpeg, skip stray bytes before a marker (and 0xFF fill bytes).
    while (at + 1 < bytes.length && (bytes[at] !== 0xff || bytes[at + 1] === 0xff || bytes[at + 1] === 0)) at++;
    // Pillow, too, refuses a file that ends before its EOI marker, even when every scan is complete.
    if (at + 1 >= bytes.length) throw corrupt('is truncated (no EOI marker)');
    const marker = bytes[at + 1];
    at += 2;
    if (marker === 0xd9) break;
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) continue; // no payload (stray RSTn, TEM)
    const p = segmentPayload(bytes, at);
    const next = at + 2 + p.length;
    if (marker === 0xdb) readQuantTables(p, tables);
    else if (marker === 0xc4) readHuffmanTables(p, tables);
    else if (marker === 0xdd) readRestartInterval(p, tables);
    else if (marker >= 0xe0 && marker <= 0xef) readAppSegment(marker, p, tables);
    else if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc8 && marker !== 0xcc) {
      if (frame) throw corrupt('has more than one frame header');
      frame = readFrame(marker, p, limits);
    } else if (marker === 0xda) {
      if (!frame) throw corrupt('has a scan before its frame header');
      const scan = readScanHeader(p, frame, tables);
      work += scanWork(scan);
      if (work > WORK_PER_BLOCK * totalBlocks(frame)) throw corrupt('has too many scans');
      // The slowest decode the other limits admit is a 16 MP progressive file at the per-block limit.
      if (work > limits.maxScanWork) {
        const why = `need more than the limit of ${limits.maxScanWork} coefficient visits (its progression is too deep for its size)`;
        throw new ImageError('IMAGE_TOO_LARGE', `JPEG of ${frame.width}x${frame.height}: its scans ${why}`);
      }
      state.eobrun = 0;
      const decodeBlock = frame.progressive ? progressiveBlockDecoder(scan, state) : decodeBaselineBlock;
      at = decodeScan(bytes, next, frame, scan, decodeBlock, state, budget);
      continue;
    }
    at = next;
  }
  if (!frame) throw corrupt('has no frame header');
  return frame;
}

function totalBlocks(frame: Frame): number {
  return frame.components.reduce((n, c) => n + c.blocksPerLine * c.blocksPerColumn, 0);
}

function scanWork(scan: Scan): number {
  const blocks = scan.components.reduce((n, sc) => n + sc.component.blocksPerLine * sc.component.blocksPerColumn, 0);
  return blocks * (scan.se - scan.ss + 1);
}

/** Upsampled, colour-converted rows to the sink, top to bottom. */
function emitRows(frame: Frame, tables: DecoderTables, budget: TimeBudget, sink: RowSink): void {
  const { width, height } = frame;
  const upsamplers: RowUpsampler[] = frame.components.map((c) => {
    const quant = tables.quant[c.quantTable];
    if (!quant) throw corrupt(`component ${c.id} uses an undefined quantization table`);
    return rowUpsampler(new ComponentRows(c, quant, budget), frame.hMax / c.h, frame.vMax / c.v, width);
  });
  const channels = upsamplers.length === 1 ? 1 : 3;
  sink.start({ width, height, channels, bitDepth: 8 });
  const out = new Uint8Array(width * channels);
  const convert = rowConverter(frame, tables);
  for (let y = 0; y < height; y++) {
    const planes = upsamplers.map((up) => up(y));
    if (channels === 1) {
      sink.row(y, planes[0]);
    } else {
      convert(planes, out);
      sink.row(y, out);
    }
    budget.spend(width * upsamplers.length);
  }
}

type RowConverter = (planes: Uint8Array[], out: Uint8Array) => void;

function rowConverter(frame: Frame, tables: DecoderTables): RowConverter {
  if (frame.components.length === 4) {
    // libjpeg: with an Adobe segment, transform 0 means CMYK and anything else YCCK; without one, CMYK.
    const ycck = tables.adobeTransform > 0;
    return ([a, b, c, k], out) => cmykToRgbRow(a, b, c, k, ycck, out);
  }
  if (isRgb(frame, tables)) return ([a, b, c], out) => interleaveRow(a, b, c, out);
  return ([a, b, c], out) => yccToRgbRow(a, b, c, out);
}

/** libjpeg's guess of a 3-component colour space (jdapimin.c): JFIF means YCbCr, then Adobe, then component ids. */
function isRgb(frame: Frame, tables: DecoderTables): boolean {
  if (tables.sawJfif) return false;
  if (tables.adobeTransform >= 0) return tables.adobeTransform === 0;
  const [c0, c1, c2] = frame.components;
  return c0.id === 0x52 && c1.id === 0x47 && c2.id === 0x42;
}
