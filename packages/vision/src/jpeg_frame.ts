/**
 * What a JPEG's marker segments say before the scan: size, components with their sampling factors, and
 * whether an Adobe APP14 segment is present (which changes how three components are interpreted).
 */
import { ImageError, validSize } from './errors.js';

export interface JpegComponent {
  id: number;
  h: number;
  v: number;
}

export interface JpegFrame {
  width: number;
  height: number;
  components: JpegComponent[];
  adobe: boolean;
}

function u16be(bytes: Uint8Array, at: number): number {
  return (bytes[at] << 8) | bytes[at + 1];
}

/** Start-of-frame markers: C0-CF except DHT (C4), JPG (C8) and DAC (CC). */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** Markers that stand alone, without a length field: TEM, RSTn, SOI, EOI. */
function hasNoLength(marker: number): boolean {
  return marker === 0x01 || (marker >= 0xd0 && marker <= 0xd9);
}

function isAdobeSegment(bytes: Uint8Array, at: number, length: number): boolean {
  return length >= 7 && String.fromCharCode(...bytes.subarray(at + 2, at + 7)) === 'Adobe';
}

function readComponents(bytes: Uint8Array, at: number, count: number): JpegComponent[] {
  const components: JpegComponent[] = [];
  for (let i = 0; i < count && at + 3 * i + 2 < bytes.length; i++) {
    const p = at + 3 * i;
    components.push({ id: bytes[p], h: bytes[p + 1] >> 4, v: bytes[p + 1] & 15 });
  }
  return components;
}

/** Walks the marker segments up to the SOF, whose payload is precision, height, width, components. */
export function readJpegFrame(bytes: Uint8Array): JpegFrame {
  let at = 2;
  let adobe = false;
  while (at + 1 < bytes.length) {
    const marker = bytes[at + 1];
    if (bytes[at] !== 0xff || marker === 0xff || marker === 0) {
      at += 1; // fill byte or stray data between segments, which libjpeg (and Pillow) skip
      continue;
    }
    at += 2;
    if (hasNoLength(marker)) continue;
    if (at + 2 > bytes.length) break;
    const length = u16be(bytes, at);
    if (isStartOfFrame(marker)) {
      if (at + 8 > bytes.length) break;
      const size = validSize('JPEG', u16be(bytes, at + 5), u16be(bytes, at + 3));
      return { ...size, components: readComponents(bytes, at + 8, bytes[at + 7]), adobe };
    }
    if (marker === 0xda) break; // scan data before any frame header
    if (length < 2) throw new ImageError('IMAGE_DECODE_FAILED', `JPEG segment at byte ${at - 2} has length ${length}`);
    if (marker === 0xee && isAdobeSegment(bytes, at, length)) adobe = true;
    at += length;
  }
  throw new ImageError('IMAGE_DECODE_FAILED', 'JPEG is truncated or has no frame header (SOF)');
}
