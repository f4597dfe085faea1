/**
 * Decodes a JPEG the way libjpeg-turbo does with Pillow's settings: markers are read in order, every scan
 * (baseline or progressive) fills the components' coefficient arrays, and after EOI each component goes
 * through the islow IDCT, fancy upsampling and colour conversion. Output: 1-channel gray (Pillow's "L") or
 * 3-channel RGB; 4-component CMYK/YCCK files come out as the RGB Pillow's convert('RGB') makes of them.
 *
 * The caller must have checked width x height against its pixel limit (decodeImage does, from the header),
 * since the coefficient arrays are allocated at the frame header.
 */
import { decodeBaselineBlock } from './baseline.js';
import { interleave, invertedCmykToRgb, ycckToCmyk, yccToRgb } from './color.js';
import { idctIslow } from './idct_islow.js';
import { progressiveBlockDecoder } from './progressive.js';
import { decodeScan, type ScanState } from './scan.js';
import {
  newTables, readAppSegment, readFrame, readHuffmanTables, readQuantTables, readRestartInterval, readScanHeader,
  segmentPayload, type DecoderTables,
} from './segments.js';
import { corrupt, type Frame, type FrameComponent, type Scan } from './types.js';
import { upsamplePlane } from './upsample.js';

export interface JpegPixels {
  width: number;
  height: number;
  channels: 1 | 3;
  data: Uint8Array;
}

export function decodeJpegPixels(bytes: Uint8Array): JpegPixels {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) throw corrupt('does not start with SOI');
  const tables = newTables();
  const frame = readSegments(bytes, tables);
  return render(frame, tables);
}

/**
 * Coefficient visits allowed per block over all scans. Each scan visits every block of its components
 * across its spectral band even when its data is a few bytes (one end-of-band run), so a hostile file of
 * thousands of tiny scans could take minutes; libjpeg's own simple progression needs about 190 per luma block.
 */
const WORK_PER_BLOCK = 64 * 16;

/** Reads markers and scans up to EOI; returns the frame with all coefficients decoded. */
function readSegments(bytes: Uint8Array, tables: DecoderTables): Frame {
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
      frame = readFrame(marker, p);
    } else if (marker === 0xda) {
      if (!frame) throw corrupt('has a scan before its frame header');
      const scan = readScanHeader(p, frame, tables);
      work += scanWork(frame, scan);
      if (work > WORK_PER_BLOCK * totalBlocks(frame)) throw corrupt('has too many scans');
      state.eobrun = 0;
      const decodeBlock = frame.progressive ? progressiveBlockDecoder(scan, state) : decodeBaselineBlock;
      at = decodeScan(bytes, next, frame, scan, decodeBlock, state);
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

function scanWork(frame: Frame, scan: Scan): number {
  const blocks = scan.components.reduce((n, sc) => n + sc.component.blocksPerLine * sc.component.blocksPerColumn, 0);
  return blocks * (scan.se - scan.ss + 1);
}

/** IDCT of every block of a component into a padded sample plane. */
function componentSamples(c: FrameComponent, quant: Uint16Array): Uint8Array {
  const stride = c.blocksPerLine * 8;
  const out = new Uint8Array(stride * c.blocksPerColumn * 8);
  // Only blocks that hold real samples need transforming (the rest is MCU padding).
  const rows = Math.ceil(c.height / 8);
  const cols = Math.ceil(c.width / 8);
  for (let by = 0; by < rows; by++) {
    for (let bx = 0; bx < cols; bx++) {
      idctIslow(c.coefs, (by * c.blocksPerLine + bx) * 64, quant, out, by * 8 * stride + bx * 8, stride);
    }
  }
  return out;
}

function render(frame: Frame, tables: DecoderTables): JpegPixels {
  const { width, height } = frame;
  const planes = frame.components.map((c) => {
    const quant = tables.quant[c.quantTable];
    if (!quant) throw corrupt(`component ${c.id} uses an undefined quantization table`);
    const data = componentSamples(c, quant);
    const plane = { data, stride: c.blocksPerLine * 8, width: c.width, height: c.height };
    return upsamplePlane(plane, frame.hMax / c.h, frame.vMax / c.v, width, height);
  });
  if (planes.length === 1) return { width, height, channels: 1, data: planes[0] };
  const [a, b, c, k] = planes;
  if (k) {
    // libjpeg: with an Adobe segment, transform 0 means CMYK and anything else YCCK; without one, CMYK.
    if (tables.adobeTransform > 0) ycckToCmyk(a, b, c);
    return { width, height, channels: 3, data: invertedCmykToRgb(a, b, c, k) };
  }
  const data = isRgb(frame, tables) ? interleave(a, b, c) : yccToRgb(a, b, c);
  return { width, height, channels: 3, data };
}

/** libjpeg's guess of a 3-component colour space (jdapimin.c): JFIF means YCbCr, then Adobe, then component ids. */
function isRgb(frame: Frame, tables: DecoderTables): boolean {
  if (tables.sawJfif) return false;
  if (tables.adobeTransform >= 0) return tables.adobeTransform === 0;
  const [c0, c1, c2] = frame.components;
  return c0.id === 0x52 && c1.id === 0x47 && c2.id === 0x42;
}
