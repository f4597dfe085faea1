/**
 * MediaPipe's custom operators keep their options as raw C structs (TfLitePoolParams,
 * TfLiteTransposeConvParams) in custom_options, not as FlexBuffers: little-endian int32 fields, the padding
 * enum counting from kTfLitePaddingUnknown = 0 (SAME = 1, VALID = 2), the fused activation from
 * kTfLiteActNone = 0 (RELU, RELU_N1_TO_1, RELU6, TANH, SIGN_BIT).
 */
import { ModelFormatError } from '../../core/errors.js';
import type { FusedActivation, Padding } from '../../core/options.js';

const ACTIVATIONS: readonly FusedActivation[] = ['NONE', 'RELU', 'RELU_N1_TO_1', 'RELU6', 'TANH', 'SIGN_BIT'];

export interface RawPoolParams {
  readonly padding: Padding;
  readonly strideW: number;
  readonly strideH: number;
  readonly filterW: number;
  readonly filterH: number;
  readonly activation: FusedActivation;
}

export interface RawTransposeConvParams {
  readonly padding: Padding;
  readonly strideW: number;
  readonly strideH: number;
}

function int32s(bytes: Uint8Array | null | undefined, count: number, what: string): number[] {
  if (!bytes || bytes.byteLength < 4 * count) {
    throw new ModelFormatError(`${what}: custom options hold ${bytes?.byteLength ?? 0} bytes, expected a struct of at least ${4 * count}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Array.from({ length: count }, (_, i) => view.getInt32(4 * i, true));
}

function padding(code: number, what: string): Padding {
  if (code === 1) return 'SAME';
  if (code === 2) return 'VALID';
  throw new ModelFormatError(`${what}: padding ${code} is neither SAME (1) nor VALID (2)`);
}

function positive(values: readonly number[], names: readonly string[], what: string): void {
  values.forEach((v, i) => {
    if (v < 1) throw new ModelFormatError(`${what}: ${names[i]} is ${v}, expected at least 1`);
  });
}

export function readPoolParams(bytes: Uint8Array | null | undefined, what: string): RawPoolParams {
  const [pad, strideW, strideH, filterW, filterH, act] = int32s(bytes, 6, what) as [number, number, number, number, number, number];
  positive([strideW, strideH, filterW, filterH], ['stride_width', 'stride_height', 'filter_width', 'filter_height'], what);
  const activation = ACTIVATIONS[act];
  if (activation === undefined) throw new ModelFormatError(`${what}: fused activation ${act} is not valid`);
  return { padding: padding(pad, what), strideW, strideH, filterW, filterH, activation };
}

export function readTransposeConvParams(bytes: Uint8Array | null | undefined, what: string): RawTransposeConvParams {
  const [pad, strideW, strideH] = int32s(bytes, 3, what) as [number, number, number];
  positive([strideW, strideH], ['stride_width', 'stride_height'], what);
  return { padding: padding(pad, what), strideW, strideH };
}

/** Encodes the structs (the builder side, for tests). */
export function poolParamsBytes(p: RawPoolParams): Uint8Array {
  const pad = p.padding === 'SAME' ? 1 : 2;
  return Uint8Array.from(new Uint8Array(Int32Array.from([pad, p.strideW, p.strideH, p.filterW, p.filterH, ACTIVATIONS.indexOf(p.activation), 0, 0, 0, 0]).buffer));
}

export function transposeConvParamsBytes(p: RawTransposeConvParams): Uint8Array {
  return new Uint8Array(Int32Array.from([p.padding === 'SAME' ? 1 : 2, p.strideW, p.strideH]).buffer);
}
