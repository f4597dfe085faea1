/** Where each pass's filtered rows sit in the inflated stream: one pass, or Adam7's seven (PNG spec 8.2). */
import { samplesPerPixel, type PngHeader } from './ihdr.js';

export interface PngPass {
  /** First column and row of the pass in the image, and its steps. */
  readonly x0: number;
  readonly y0: number;
  readonly dx: number;
  readonly dy: number;
  /** The pass's own size (a reduced image); zero-sized passes are omitted. */
  readonly width: number;
  readonly height: number;
  /** Offset of its first row's filter byte in the inflated stream, and bytes per row including it. */
  readonly offset: number;
  readonly stride: number;
}

const ADAM7: [number, number, number, number][] = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]];

export function bitsPerPixel(header: PngHeader): number {
  return samplesPerPixel(header) * header.depth;
}

/** Bytes to the left of a byte that the Sub, Average and Paeth filters look at: one pixel, at least one byte. */
export function filterStep(header: PngHeader): number {
  return Math.max(1, bitsPerPixel(header) >> 3);
}

export function passLayout(header: PngHeader): PngPass[] {
  const grid = header.interlaced ? ADAM7 : [[0, 0, 1, 1]];
  const bits = bitsPerPixel(header);
  const passes: PngPass[] = [];
  let offset = 0;
  for (const [x0, y0, dx, dy] of grid) {
    const width = Math.ceil((header.width - x0) / dx);
    const height = Math.ceil((header.height - y0) / dy);
    if (width <= 0 || height <= 0) continue;
    const stride = 1 + Math.ceil((width * bits) / 8);
    passes.push({ x0, y0, dx, dy, width, height, offset, stride });
    offset += stride * height;
  }
  return passes;
}

/** Bytes of the whole inflated stream (filtered rows of every pass). */
export function rawSize(passes: readonly PngPass[]): number {
  return passes.reduce((sum, p) => sum + p.stride * p.height, 0);
}
