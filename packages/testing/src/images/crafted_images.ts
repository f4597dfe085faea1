/** Test support: hand-made PNG and JPEG headers for size-limit and corruption tests. */
import { deflateSync } from 'node:zlib';

/** CRC-32 as PNG chunks use it (reflected polynomial 0xEDB88320). */
function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

export function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 8 + data.length);
  return out;
}

/**
 * A small file claiming width x height at `depth` bits of `colorType` (default 8-bit gray); its IDAT holds
 * `rowsStored` rows of zeros only.
 */
export function pngClaiming(width: number, height: number, rowsStored = 1, depth = 8, colorType = 0): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([depth, colorType, 0, 0, 0], 8);
  const samples = ({ 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 } as Record<number, number>)[colorType] ?? 1;
  const idat = deflateSync(Buffer.alloc((1 + Math.ceil((width * samples * depth) / 8)) * rowsStored, 0x00));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', idat),
    pngChunk('IEND', new Uint8Array(0)),
  ]);
}

export interface PngSpec {
  readonly width: number;
  readonly height: number;
  readonly depth: number;
  /** 0 gray, 2 RGB, 3 palette, 4 gray+alpha, 6 RGBA. */
  readonly colorType: number;
  readonly interlaced?: boolean;
  /** RGB triples for colour type 3. */
  readonly palette?: readonly number[];
  /** The filtered scanlines exactly as they go into zlib (each row: filter type byte, then its bytes). */
  readonly raw: Uint8Array | readonly number[];
  /** Extra chunks after IDAT (before IEND); IEND is left out when `end` is false. */
  readonly after?: readonly Uint8Array[];
  readonly end?: boolean;
}

/** A PNG written from its parts, for decoder tests that need exact control over rows and filters. */
export function pngFromSpec(spec: PngSpec): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(spec.width, 0);
  ihdr.writeUInt32BE(spec.height, 4);
  ihdr.set([spec.depth, spec.colorType, 0, 0, spec.interlaced ? 1 : 0], 8);
  const chunks = [pngChunk('IHDR', ihdr)];
  if (spec.palette) chunks.push(pngChunk('PLTE', new Uint8Array(spec.palette)));
  chunks.push(pngChunk('IDAT', deflateSync(Uint8Array.from(spec.raw))), ...(spec.after ?? []));
  if (spec.end !== false) chunks.push(pngChunk('IEND', new Uint8Array(0)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ...chunks]);
}

/** SOI, an APP0 segment, then a baseline SOF0 for a width x height 3-component frame, and nothing more. */
export function jpegClaiming(width: number, height: number): Uint8Array {
  const app0 = [0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00];
  const sof = [0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03];
  const comps = [0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01];
  return new Uint8Array([0xff, 0xd8, ...app0, ...sof, ...comps]);
}
