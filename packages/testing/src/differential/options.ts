/** Builtin options objects for generated models, with TFLite's defaults for what a case does not vary. */
import type {
  ArithmeticOptions,
  Conv2DOptions,
  DepthwiseConv2DOptions,
  FullyConnectedOptions,
  FusedActivation,
  Padding,
  Pool2DOptions,
} from '@tflite-lambda/runtime/internal';

export interface Window {
  readonly padding: Padding;
  readonly stride: readonly [number, number];
  readonly dilation?: readonly [number, number];
  readonly activation?: FusedActivation;
}

export function convOptions(w: Window): Conv2DOptions {
  return {
    kind: 'Conv2DOptions',
    padding: w.padding,
    strideH: w.stride[0],
    strideW: w.stride[1],
    dilationH: w.dilation?.[0] ?? 1,
    dilationW: w.dilation?.[1] ?? 1,
    fusedActivation: w.activation ?? 'NONE',
  };
}

export function depthwiseOptions(w: Window, depthMultiplier: number): DepthwiseConv2DOptions {
  return { ...convOptions(w), kind: 'DepthwiseConv2DOptions', depthMultiplier };
}

export function poolOptions(w: Window, filter: readonly [number, number]): Pool2DOptions {
  return {
    kind: 'Pool2DOptions',
    padding: w.padding,
    strideH: w.stride[0],
    strideW: w.stride[1],
    filterHeight: filter[0],
    filterWidth: filter[1],
    fusedActivation: w.activation ?? 'NONE',
  };
}

export function fullyConnectedOptions(keepNumDims: boolean, activation: FusedActivation = 'NONE'): FullyConnectedOptions {
  return {
    kind: 'FullyConnectedOptions',
    fusedActivation: activation,
    weightsFormat: 'DEFAULT',
    keepNumDims,
    asymmetricQuantizeInputs: false,
  };
}

export function arithmeticOptions(
  kind: ArithmeticOptions['kind'],
  activation: FusedActivation = 'NONE',
  potScaleInt16 = true,
): ArithmeticOptions {
  return { kind, fusedActivation: activation, potScaleInt16 };
}

/** Output spatial size of a conv/pool window along one axis (TFLite's ComputeOutSize). */
export function outSize(padding: Padding, input: number, filter: number, stride: number, dilation = 1): number {
  const effective = (filter - 1) * dilation + 1;
  return padding === 'SAME' ? Math.ceil(input / stride) : Math.ceil((input - effective + 1) / stride);
}
