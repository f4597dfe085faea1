/** MAXIMUM for int8, uint8 and int16: raw values compared, as TFLite (see common/raw_quantized_binary.ts). */
import { rawQuantizedBinaryKernel } from '../common/raw_quantized_binary.js';
import type { QArray } from '../quantized/elementwise.js';
import type { BinaryRow } from '../common/binary_broadcast.js';

export const maximumQuantizedRow: BinaryRow<QArray> = (a, ai, as, b, bi, bs, out, oi, n) => {
  for (let i = 0; i < n; i++) {
    const x = a[ai + i * as]!;
    const y = b[bi + i * bs]!;
    out[oi + i] = x > y ? x : y;
  }
};

export const MAXIMUM_QUANTIZED_KERNEL = rawQuantizedBinaryKernel('MAXIMUM', maximumQuantizedRow);
