/** CONV_2D and DEPTHWISE_CONV_2D, float32: padding, stride, dilation, depth multiplier, bias, activation. */
import { BuiltinOp } from '@tflite-lambda/runtime/internal';
import { CaseBuilder, type DiffCase, type DiffFamily } from '../case_builder.js';
import { convOptions, depthwiseOptions, outSize, type Window } from '../options.js';
import { normalFloats } from '../random_data.js';
import { Rng } from '../rng.js';

interface ConvSpec extends Window {
  readonly batch: number;
  readonly size: readonly [number, number];
  readonly inChannels: number;
  readonly kernel: readonly [number, number];
  /** Output channels (CONV_2D) or depth multiplier (DEPTHWISE_CONV_2D). */
  readonly channels: number;
  readonly bias: boolean;
}

function describe(op: string, s: ConvSpec, extra: string): string {
  const dil = s.dilation ? ` dilation ${s.dilation.join('x')}` : '';
  return (
    `${op} ${s.padding} stride ${s.stride.join('x')}${dil} kernel ${s.kernel.join('x')} ` +
    `on [${s.batch},${s.size.join(',')},${s.inChannels}] ${extra}${s.bias ? '' : ' no bias'} ${s.activation ?? 'NONE'}`
  );
}

function outputHW(s: ConvSpec): [number, number] {
  return [0, 1].map((a) => outSize(s.padding, s.size[a], s.kernel[a], s.stride[a], s.dilation?.[a] ?? 1)) as [number, number];
}

/**
 * Without bias the op has two inputs (TFLite reads a third input whenever there is one). TFLite's float
 * CONV_2D insists on a bias ("has_bias was not true"), so only DEPTHWISE_CONV_2D cases omit it.
 */
function conv(rng: Rng, s: ConvSpec): DiffCase {
  const b = new CaseBuilder();
  const input = b.input({ dtype: 'float32', shape: [s.batch, ...s.size, s.inChannels] }, normalFloats(rng, [s.batch, ...s.size, s.inChannels]));
  const filterShape = [s.channels, ...s.kernel, s.inChannels];
  const filter = b.constant({ dtype: 'float32', shape: filterShape }, normalFloats(rng, filterShape, 0.5));
  const bias = s.bias ? [b.constant({ dtype: 'float32', shape: [s.channels] }, normalFloats(rng, [s.channels]))] : [];
  const out = b.output({ dtype: 'float32', shape: [s.batch, ...outputHW(s), s.channels] });
  b.op(BuiltinOp.CONV_2D, [input, filter, ...bias], [out], convOptions(s));
  return b.build(describe('CONV_2D', s, `-> ${s.channels} channels`));
}

function depthwise(rng: Rng, s: ConvSpec): DiffCase {
  const b = new CaseBuilder();
  const input = b.input({ dtype: 'float32', shape: [s.batch, ...s.size, s.inChannels] }, normalFloats(rng, [s.batch, ...s.size, s.inChannels]));
  const outChannels = s.inChannels * s.channels;
  const filterShape = [1, ...s.kernel, outChannels];
  const filter = b.constant({ dtype: 'float32', shape: filterShape }, normalFloats(rng, filterShape, 0.5));
  const bias = s.bias ? [b.constant({ dtype: 'float32', shape: [outChannels] }, normalFloats(rng, [outChannels]))] : [];
  const out = b.output({ dtype: 'float32', shape: [s.batch, ...outputHW(s), outChannels] });
  b.op(BuiltinOp.DEPTHWISE_CONV_2D, [input, filter, ...bias], [out], depthwiseOptions(s, s.channels), 2);
  return b.build(describe('DEPTHWISE_CONV_2D', s, `depth multiplier ${s.channels}`));
}

const CONVS: ConvSpec[] = [
  { padding: 'SAME', stride: [1, 1], batch: 1, size: [5, 6], inChannels: 3, kernel: [3, 3], channels: 4, bias: true },
  { padding: 'SAME', stride: [2, 2], batch: 1, size: [7, 9], inChannels: 2, kernel: [3, 3], channels: 5, bias: true, activation: 'RELU6' },
  { padding: 'VALID', stride: [2, 1], batch: 2, size: [8, 7], inChannels: 3, kernel: [3, 2], channels: 3, bias: true, activation: 'RELU' },
  { padding: 'SAME', stride: [1, 1], dilation: [2, 2], batch: 1, size: [9, 8], inChannels: 2, kernel: [3, 3], channels: 3, bias: true },
  { padding: 'VALID', stride: [1, 1], dilation: [2, 3], batch: 1, size: [9, 10], inChannels: 4, kernel: [2, 3], channels: 2, bias: true, activation: 'RELU_N1_TO_1' },
  { padding: 'SAME', stride: [2, 2], batch: 1, size: [6, 6], inChannels: 8, kernel: [1, 1], channels: 6, bias: true, activation: 'RELU' },
];

const DEPTHWISE: ConvSpec[] = [
  { padding: 'SAME', stride: [1, 1], batch: 1, size: [5, 7], inChannels: 3, kernel: [3, 3], channels: 1, bias: true },
  { padding: 'SAME', stride: [2, 2], batch: 1, size: [7, 7], inChannels: 2, kernel: [3, 3], channels: 2, bias: true, activation: 'RELU6' },
  { padding: 'VALID', stride: [1, 2], batch: 2, size: [6, 9], inChannels: 4, kernel: [3, 2], channels: 1, bias: false, activation: 'RELU' },
  { padding: 'SAME', stride: [1, 1], dilation: [2, 2], batch: 1, size: [8, 8], inChannels: 3, kernel: [3, 3], channels: 2, bias: true },
  { padding: 'VALID', stride: [1, 1], dilation: [3, 2], batch: 1, size: [9, 9], inChannels: 1, kernel: [2, 2], channels: 3, bias: true },
];

/** A fully random window and shape; VALID inputs are grown to fit the dilated kernel. */
function randomSpec(rng: Rng, maxChannels: number): ConvSpec {
  const kernel: [number, number] = [rng.int(1, 4), rng.int(1, 4)];
  const dilation: [number, number] = [rng.int(1, 2), rng.int(1, 2)];
  const padding = rng.pick(['SAME', 'VALID'] as const);
  const size = [0, 1].map((a) => (kernel[a] - 1) * dilation[a] + rng.int(1, 7)) as [number, number];
  return {
    padding,
    stride: [rng.int(1, 3), rng.int(1, 3)],
    dilation,
    batch: rng.int(1, 2),
    size,
    inChannels: rng.int(1, 5),
    kernel,
    channels: rng.int(1, maxChannels),
    bias: true,
    activation: rng.pick(['NONE', 'RELU', 'RELU6', 'RELU_N1_TO_1'] as const),
  };
}

export const floatConvFamily: DiffFamily = {
  name: 'CONV_2D / DEPTHWISE_CONV_2D float32',
  cases(seed: number): DiffCase[] {
    const rng = new Rng(seed + 1);
    const randomConvs = [0, 1, 2].map(() => randomSpec(rng, 6));
    const randomDepthwise = [0, 1, 2].map(() => randomSpec(rng, 3));
    return [
      ...[...CONVS, ...randomConvs].map((s) => conv(rng, s)),
      ...[...DEPTHWISE, ...randomDepthwise].map((s) => depthwise(rng, s)),
    ];
  },
};
