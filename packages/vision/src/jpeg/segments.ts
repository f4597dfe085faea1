/** Reads the marker segments that set up decoding: DQT, DHT, DRI, SOFn, SOS, APP0 (JFIF), APP14 (Adobe). */
import { validSize } from '../errors.js';
import { checkImageLimits, type ImageLimits } from '../limits.js';
import { buildHuffmanTable } from './huffman.js';
import { corrupt, NATURAL_ORDER, type Frame, type FrameComponent, type HuffmanTable, type Scan } from './types.js';

export interface DecoderTables {
  /** Quantization tables in natural order. */
  quant: (Uint16Array | undefined)[];
  dc: (HuffmanTable | undefined)[];
  ac: (HuffmanTable | undefined)[];
  restartInterval: number;
  sawJfif: boolean;
  /** The Adobe segment's transform flag, or -1 without one. */
  adobeTransform: number;
}

export function newTables(): DecoderTables {
  return { quant: [], dc: [], ac: [], restartInterval: 0, sawJfif: false, adobeTransform: -1 };
}

/** A marker segment's payload (after the 2-byte length) as a bounded view. */
export function segmentPayload(bytes: Uint8Array, at: number): Uint8Array {
  if (at + 2 > bytes.length) throw corrupt('is truncated inside a marker segment');
  const length = (bytes[at] << 8) | bytes[at + 1];
  if (length < 2 || at + length > bytes.length) throw corrupt(`has a bad segment length ${length} at byte ${at}`);
  return bytes.subarray(at + 2, at + length);
}

export function readQuantTables(p: Uint8Array, tables: DecoderTables): void {
  let at = 0;
  while (at < p.length) {
    const precision = p[at] >> 4;
    const id = p[at] & 15;
    const size = precision ? 128 : 64;
    if (id > 3 || precision > 1 || at + 1 + size > p.length) throw corrupt('has a bad quantization table');
    const table = new Uint16Array(64);
    for (let k = 0; k < 64; k++) {
      table[NATURAL_ORDER[k]] = precision ? (p[at + 1 + 2 * k] << 8) | p[at + 2 + 2 * k] : p[at + 1 + k];
    }
    tables.quant[id] = table;
    at += 1 + size;
  }
}

export function readHuffmanTables(p: Uint8Array, tables: DecoderTables): void {
  let at = 0;
  while (at < p.length) {
    const cls = p[at] >> 4;
    const id = p[at] & 15;
    if (cls > 1 || id > 3 || at + 17 > p.length) throw corrupt('has a bad Huffman table header');
    const counts = p.subarray(at + 1, at + 17);
    let total = 0;
    for (const c of counts) total += c;
    if (total > 256 || at + 17 + total > p.length) throw corrupt('has a Huffman table longer than its segment');
    const table = buildHuffmanTable(counts, p.slice(at + 17, at + 17 + total));
    (cls === 0 ? tables.dc : tables.ac)[id] = table;
    at += 17 + total;
  }
}

export function readRestartInterval(p: Uint8Array, tables: DecoderTables): void {
  if (p.length < 2) throw corrupt('has a short DRI segment');
  tables.restartInterval = (p[0] << 8) | p[1];
}

export function readAppSegment(marker: number, p: Uint8Array, tables: DecoderTables): void {
  const tag = String.fromCharCode(...p.subarray(0, 5));
  if (marker === 0xe0 && tag === 'JFIF\0') tables.sawJfif = true;
  if (marker === 0xee && tag === 'Adobe' && p.length >= 12) tables.adobeTransform = p[11];
}

/**
 * SOF0/1 (baseline, extended Huffman) and SOF2 (progressive Huffman); other coding processes are refused.
 * The limits are checked here, before the coefficient arrays are allocated.
 */
export function readFrame(marker: number, p: Uint8Array, limits: ImageLimits): Frame {
  if (marker !== 0xc0 && marker !== 0xc1 && marker !== 0xc2) {
    throw corrupt(`uses an unsupported coding process (SOF marker 0x${marker.toString(16)})`);
  }
  if (p.length < 6) throw corrupt('has a short frame header');
  if (p[0] !== 8) throw corrupt(`has ${p[0]}-bit samples; only 8-bit is supported`);
  const { width, height } = validSize('JPEG', (p[3] << 8) | p[4], (p[1] << 8) | p[2]);
  const count = p[5];
  if (count !== 1 && count !== 3 && count !== 4) throw corrupt(`has ${count} components`);
  if (p.length < 6 + 3 * count) throw corrupt('has a short frame header');
  checkImageLimits({ format: 'jpeg', width, height, channels: count, bytesPerSample: 1 }, limits);
  const raw = [];
  for (let i = 0; i < count; i++) {
    const at = 6 + 3 * i;
    const h = p[at + 1] >> 4;
    const v = p[at + 1] & 15;
    if (h < 1 || h > 4 || v < 1 || v > 4 || p[at + 2] > 3) throw corrupt('has a bad component in its frame header');
    raw.push({ id: p[at], h, v, quantTable: p[at + 2] });
  }
  const hMax = Math.max(...raw.map((c) => c.h));
  const vMax = Math.max(...raw.map((c) => c.v));
  const mcusPerLine = Math.ceil(width / (8 * hMax));
  const mcusPerColumn = Math.ceil(height / (8 * vMax));
  const components: FrameComponent[] = raw.map((c) => {
    const blocksPerLine = mcusPerLine * c.h;
    const blocksPerColumn = mcusPerColumn * c.v;
    return {
      ...c,
      width: Math.ceil((width * c.h) / hMax),
      height: Math.ceil((height * c.v) / vMax),
      blocksPerLine,
      blocksPerColumn,
      coefs: new Int16Array(blocksPerLine * blocksPerColumn * 64),
    };
  });
  return { progressive: marker === 0xc2, width, height, hMax, vMax, mcusPerLine, mcusPerColumn, components };
}

/** SOS: the components of this scan with their tables, and the spectral band and successive approximation. */
export function readScanHeader(p: Uint8Array, frame: Frame, tables: DecoderTables): Scan {
  const count = p[0];
  if (count < 1 || count > 4 || p.length < 4 + 2 * count) throw corrupt('has a bad scan header');
  const components = [];
  for (let i = 0; i < count; i++) {
    const component = frame.components.find((c) => c.id === p[1 + 2 * i]);
    if (!component) throw corrupt(`scan names an unknown component ${p[1 + 2 * i]}`);
    const sel = p[2 + 2 * i];
    components.push({ component, dcTable: tables.dc[sel >> 4], acTable: tables.ac[sel & 15], pred: 0 });
  }
  const at = 1 + 2 * count;
  const scan = { components, ss: p[at], se: p[at + 1], ah: p[at + 2] >> 4, al: p[at + 2] & 15, restartInterval: tables.restartInterval };
  validateScan(scan, frame);
  return scan;
}

function validateScan(scan: Scan, frame: Frame): void {
  const { ss, se, ah, al } = scan;
  const blocksInMcu = scan.components.reduce((n, c) => n + c.component.h * c.component.v, 0);
  if (scan.components.length > 1 && blocksInMcu > 10) throw corrupt('scan has more than 10 blocks per MCU');
  if (!frame.progressive) {
    if (ss !== 0 || se !== 63 || ah !== 0 || al !== 0) throw corrupt('baseline scan has a bad spectral selection');
  } else {
    const dc = ss === 0;
    if (ss > se || se > 63 || (dc && se !== 0) || (!dc && scan.components.length !== 1) || al > 13 || (ah !== 0 && ah !== al + 1)) {
      throw corrupt('progressive scan has bad parameters');
    }
  }
  for (const c of scan.components) {
    const needsDc = ss === 0 && ah === 0;
    const needsAc = se > 0;
    if ((needsDc && !c.dcTable) || (needsAc && !c.acTable)) throw corrupt('scan uses an undefined Huffman table');
  }
}
