/** Bias + activation applied in place after a GEMM (the fused part of FusedConv2D and _FusedMatMul). */
export type FusableActivation = 'linear' | 'relu' | 'relu6' | 'sigmoid' | 'leakyrelu';

export function isFusable(a: unknown): a is FusableActivation {
  return a === undefined || a === null || a === 'linear' || a === 'relu' || a === 'relu6' || a === 'sigmoid' || a === 'leakyrelu';
}

/** y[i·c + j] = act(y + bias[j]) for a [rows × channels] buffer; bias may be null or broadcast from size 1. */
export function biasActivation(y: Float32Array, channels: number, bias: Float32Array | null, act: FusableActivation | undefined, alpha = 0.2): void {
  if (bias) {
    if (bias.length === 1) for (let i = 0; i < y.length; i++) y[i] += bias[0];
    else for (let i = 0; i < y.length; i += channels) for (let j = 0; j < channels; j++) y[i + j] += bias[j];
  }
  switch (act) {
    case 'relu':
      for (let i = 0; i < y.length; i++) if (y[i] < 0) y[i] = 0;
      break;
    case 'relu6':
      for (let i = 0; i < y.length; i++) y[i] = Math.min(6, Math.max(0, y[i]));
      break;
    case 'sigmoid':
      for (let i = 0; i < y.length; i++) y[i] = 1 / (1 + Math.exp(-y[i]));
      break;
    case 'leakyrelu':
      for (let i = 0; i < y.length; i++) if (y[i] < 0) y[i] *= alpha;
      break;
    default:
      break;
  }
}
