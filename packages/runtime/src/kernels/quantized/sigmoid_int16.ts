/**
 * int16 LOGISTIC and TANH as TFLite's reference integer kernels compute them (reference_integer_ops::Logistic
 * and ::Tanh with the prepare of kernels/activations.cc): the input is rescaled at prepare time by an
 * integer multiplier and right shift so that 2^17 (logistic) or 2^16 (tanh) stands for ±10.7, its magnitude
 * indexes a 256-entry uint16 table of sigmoid(i/24) and is linearly interpolated; negative inputs use the
 * function's symmetry, and tanh(x) = 2·sigmoid(2x) − 1 reuses the same table with one bit less of scaling.
 * A power-of-two input scale (2^-12; tanh also 2^-11) takes TFLite's optimized path instead, gemmlowp's
 * 16-bit fixed-point functions (gemmlowp_int16.ts), as LiteRT does.
 */
import { unsupported } from '../common/node_checks.js';
import { requireScale, tensorZeroPoint } from '../common/quantization.js';
import type { NodeContext } from '../kernel.js';
import { prepareUnaryShape } from './elementwise.js';
import { doubleSaturating16, logisticQ3, tanhQ3 } from './gemmlowp_int16.js';

/** sigmoid(i/24) in unsigned Q0.16, i = 0..255: TFLite's published table (data, reproduced as published). */
// prettier-ignore
export const SIGMOID_TABLE_UINT16: Uint16Array = Uint16Array.from([
  32768, 33451, 34133, 34813, 35493, 36169, 36843, 37513, 38180, 38841, 39498, 40149, 40794, 41432, 42064, 42688,
  43304, 43912, 44511, 45102, 45683, 46255, 46817, 47369, 47911, 48443, 48964, 49475, 49975, 50464, 50942, 51409,
  51865, 52311, 52745, 53169, 53581, 53983, 54374, 54755, 55125, 55485, 55834, 56174, 56503, 56823, 57133, 57433,
  57724, 58007, 58280, 58544, 58800, 59048, 59288, 59519, 59743, 59959, 60168, 60370, 60565, 60753, 60935, 61110,
  61279, 61441, 61599, 61750, 61896, 62036, 62172, 62302, 62428, 62549, 62666, 62778, 62886, 62990, 63090, 63186,
  63279, 63368, 63454, 63536, 63615, 63691, 63765, 63835, 63903, 63968, 64030, 64090, 64148, 64204, 64257, 64308,
  64357, 64405, 64450, 64494, 64536, 64576, 64614, 64652, 64687, 64721, 64754, 64786, 64816, 64845, 64873, 64900,
  64926, 64950, 64974, 64997, 65019, 65039, 65060, 65079, 65097, 65115, 65132, 65149, 65164, 65179, 65194, 65208,
  65221, 65234, 65246, 65258, 65269, 65280, 65291, 65301, 65310, 65319, 65328, 65337, 65345, 65352, 65360, 65367,
  65374, 65381, 65387, 65393, 65399, 65404, 65410, 65415, 65420, 65425, 65429, 65433, 65438, 65442, 65445, 65449,
  65453, 65456, 65459, 65462, 65465, 65468, 65471, 65474, 65476, 65479, 65481, 65483, 65485, 65488, 65489, 65491,
  65493, 65495, 65497, 65498, 65500, 65501, 65503, 65504, 65505, 65507, 65508, 65509, 65510, 65511, 65512, 65513,
  65514, 65515, 65516, 65517, 65517, 65518, 65519, 65520, 65520, 65521, 65522, 65522, 65523, 65523, 65524, 65524,
  65525, 65525, 65526, 65526, 65526, 65527, 65527, 65528, 65528, 65528, 65529, 65529, 65529, 65529, 65530, 65530,
  65530, 65530, 65531, 65531, 65531, 65531, 65531, 65532, 65532, 65532, 65532, 65532, 65532, 65533, 65533, 65533,
  65533, 65533, 65533, 65533, 65533, 65534, 65534, 65534, 65534, 65534, 65534, 65534, 65534, 65534, 65534, 65535,
]);

export interface Int16SigmoidData {
  /** Integer rescale of the input, applied as (x·multiplier + round) >> leftShift. */
  readonly multiplier: number;
  readonly shift: number;
  readonly round: number;
  /** Power-of-two input scale: gemmlowp fixed point on the raw input (pre-doubled for tanh at 2^-11). */
  readonly fixedPoint: boolean;
  readonly doubleInput: boolean;
}

/**
 * TFLite's CheckedLog2: log2 rounded to the nearest integer, and whether it was within 1e-3 of it
 * (the scale is a power of two).
 */
export function checkedLog2(x: number): { log2: number; exact: boolean } {
  const l = Math.log(x) * Math.fround(1 / Math.fround(Math.log(2)));
  const rounded = l < 0 ? -Math.round(-l) : Math.round(l);
  return { log2: rounded, exact: Math.abs(l - rounded) < 1e-3 };
}

/**
 * The input rescale of SigmoidPrepare / TanhPrepare for int16. A power-of-two input scale of 2^-12
 * (also 2^-11 for tanh) takes the multiplier 3 << shift; any other scale gets scale·4096·3 doubled until it
 * exceeds 32767/2, truncated to an integer, with the number of doublings as the right shift.
 */
export function int16SigmoidRescale(inputScale: number, allowShiftOne: boolean): Int16SigmoidData {
  const { log2, exact } = checkedLog2(inputScale);
  const potShift = 12 + log2;
  if (exact && (potShift === 0 || (allowShiftOne && potShift === 1))) {
    // The reference kernel would use multiplier 3 << potShift; LiteRT's optimized kernel takes this case.
    return { multiplier: 3 << potShift, shift: 0, round: 0, fixedPoint: true, doubleInput: potShift === 1 };
  }
  let m = inputScale * 4096 * 3;
  let shift = 0;
  while (m <= 32767 / 2 && shift <= 30) {
    shift++;
    m *= 2;
  }
  return { multiplier: Math.trunc(m), shift, round: shift > 0 ? 1 << (shift - 1) : 0, fixedPoint: false, doubleInput: false };
}

/** Validates the int16 parameters TFLite requires (zero points 0, output scale 2^-15); sets the shape. */
export function prepareInt16Sigmoid(node: NodeContext<null>, allowShiftOne: boolean): Int16SigmoidData {
  const { input, output } = prepareUnaryShape(node);
  if (tensorZeroPoint(input) !== 0 || tensorZeroPoint(output) !== 0) {
    throw unsupported(node, 'int16 input and output need zero point 0');
  }
  const out = checkedLog2(requireScale(node, output));
  if (!out.exact || out.log2 !== -15) throw unsupported(node, 'int16 output scale must be 1/32768');
  return int16SigmoidRescale(requireScale(node, input), allowShiftOne);
}

/** The rescaled input: 32-bit product, arithmetic right shift (as the C++ on int32). */
function rescale(x: number, d: Int16SigmoidData): number {
  return (x * d.multiplier + d.round) >> d.shift;
}

/** Logistic (table path): 9 fractional bits of interpolation, output in Q0.15 (0..32767). */
export function logisticInt16(input: Int16Array, output: Int16Array, d: Int16SigmoidData): void {
  if (d.fixedPoint) {
    for (let i = 0; i < input.length; i++) output[i] = logisticQ3(input[i]!);
    return;
  }
  const table = SIGMOID_TABLE_UINT16;
  for (let i = 0; i < input.length; i++) {
    const x = rescale(input[i]!, d);
    const abs = x < 0 ? -x : x;
    const index = abs >>> 9;
    let r: number;
    if (index >= 255) {
      r = 0x7fff << 10;
    } else {
      const a = table[index]!;
      r = a * 512 + (abs & 0x1ff) * (table[index + 1]! - a);
    }
    // Below zero, sigmoid(−x) = 1 − sigmoid(x); the constants round the result to nearest.
    r = x >= 0 ? r + 512 : (1 << 25) - r + 511;
    output[i] = (r >>> 10) << 16 >> 16;
  }
}

/** Tanh (table path): the same table at twice the input resolution (8 fractional bits), output in Q0.15. */
export function tanhInt16(input: Int16Array, output: Int16Array, d: Int16SigmoidData): void {
  if (d.fixedPoint) {
    for (let i = 0; i < input.length; i++) output[i] = tanhQ3(d.doubleInput ? doubleSaturating16(input[i]!) : input[i]!);
    return;
  }
  const table = SIGMOID_TABLE_UINT16;
  for (let i = 0; i < input.length; i++) {
    const x = rescale(input[i]!, d);
    const abs = x < 0 ? -x : x;
    const index = abs >>> 8;
    let r: number;
    if (index >= 255) {
      r = 0xffff << 8;
    } else {
      const a = table[index]!;
      r = a * 256 + (abs & 0xff) * (table[index + 1]! - a);
    }
    // 2·sigmoid − 1 with sigmoid in Q0.24: subtract one half (2^23), round, keep the sign's symmetry.
    r = x >= 0 ? r - (1 << 23) + (1 << 7) : -r + (1 << 23) + (1 << 7) - 1;
    output[i] = (r >> 8) << 16 >> 16;
  }
}
