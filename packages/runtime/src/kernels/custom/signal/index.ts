/** TFLite Micro's signal-library operators (tensorflow/tflite-micro signal/), as used by its audio front ends. */
import type { AnyKernel } from '../../kernel.js';
import { SIGNAL_ENERGY_KERNEL } from './energy.js';
import { SIGNAL_FFT_AUTO_SCALE_KERNEL } from './fft_auto_scale.js';
import { SIGNAL_FILTER_BANK_KERNEL } from './filter_bank.js';
import { SIGNAL_FILTER_BANK_LOG_KERNEL } from './filter_bank_log.js';
import { SIGNAL_FILTER_BANK_SPECTRAL_SUBTRACTION_KERNEL } from './filter_bank_spectral_subtraction.js';
import { SIGNAL_FILTER_BANK_SQUARE_ROOT_KERNEL } from './filter_bank_square_root.js';
import { SIGNAL_PCAN_KERNEL } from './pcan.js';
import { SIGNAL_RFFT_KERNEL } from './rfft.js';
import { SIGNAL_WINDOW_KERNEL } from './window.js';

export const SIGNAL_KERNELS: readonly AnyKernel[] = [
  SIGNAL_WINDOW_KERNEL, SIGNAL_FFT_AUTO_SCALE_KERNEL, SIGNAL_RFFT_KERNEL, SIGNAL_ENERGY_KERNEL, SIGNAL_FILTER_BANK_KERNEL,
  SIGNAL_FILTER_BANK_SQUARE_ROOT_KERNEL, SIGNAL_FILTER_BANK_SPECTRAL_SUBTRACTION_KERNEL, SIGNAL_PCAN_KERNEL,
  SIGNAL_FILTER_BANK_LOG_KERNEL,
] as AnyKernel[];
