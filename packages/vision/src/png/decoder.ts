/**
 * PNG decoding, shaped like Pillow's PngImagePlugin and delivered row by row: chunks and CRCs, the limits
 * checked against IHDR before anything is inflated, one capped inflate, filters undone in place, and each
 * image row unpacked into a reused buffer for the sink. A non-interlaced image is unfiltered row by row as
 * it is emitted; an interlaced one needs all seven passes before its first full row exists.
 */
import { checkImageLimits, type ImageLimits } from '../limits.js';
import type { TimeBudget } from '../time_budget.js';
import type { RowSink } from '../types.js';
import { readPngChunks } from './chunks.js';
import { decodedChannels, pngImageHeader } from './ihdr.js';
import { inflateImageData } from './inflate.js';
import { filterStep, passLayout, rawSize, type PngPass } from './layout.js';
import { rowUnpacker, type RowUnpacker } from './samples.js';
import { unfilterPass, unfilterRow } from './unfilter.js';

export function decodePngRows(bytes: Uint8Array, limits: ImageLimits, budget: TimeBudget, sink: RowSink): void {
  const { header, palette, data } = readPngChunks(bytes);
  checkImageLimits(pngImageHeader(header), limits);
  const passes = passLayout(header);
  const raw = inflateImageData(data, rawSize(passes));
  const step = filterStep(header);
  const unpacker = rowUnpacker(header, palette);
  const { width, height } = header;
  sink.start({ width, height, channels: decodedChannels(header), bitDepth: unpacker.out instanceof Uint16Array ? 16 : 8 });
  if (!header.interlaced) {
    const [pass] = passes;
    for (let y = 0; y < height; y++) {
      unfilterRow(raw, pass, y, step);
      unpacker.unpack(raw, pass.offset + y * pass.stride + 1, width, 0, 1);
      budget.spend(pass.stride + unpacker.out.length);
      sink.row(y, unpacker.out);
    }
    return;
  }
  for (const pass of passes) unfilterPass(raw, pass, step, budget);
  for (let y = 0; y < height; y++) {
    for (const pass of passes) unpackPassRow(raw, pass, y, unpacker);
    budget.spend(unpacker.out.length);
    sink.row(y, unpacker.out);
  }
}

/** The pixels `pass` holds on image row `y`, if any. */
function unpackPassRow(raw: Uint8Array, pass: PngPass, y: number, unpacker: RowUnpacker): void {
  if (y < pass.y0 || (y - pass.y0) % pass.dy !== 0) return;
  const r = (y - pass.y0) / pass.dy;
  unpacker.unpack(raw, pass.offset + r * pass.stride + 1, pass.width, pass.x0, pass.dx);
}
