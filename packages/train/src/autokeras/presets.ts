/** Named starting points for the search: AutoKeras's default and cheaper or deeper CNNs. */
import { AUTOKERAS_FIRST_TRIAL, type Hyperparameters } from './hyperparameters.js';
import { DEFAULT_LR_SCHEDULE, GENTLE_LR_SCHEDULE, type LrSchedule } from './lr_schedule.js';

/**
 * Two conv blocks (32 and 64 filters, 3×3, each followed by 2×2 max-pool), flatten, dropout 0.5: about a fifth
 * of the multiply-adds of AutoKeras's first trial at similar MNIST accuracy, so it fits a shared 2-core CPU.
 */
export const FAST_TRIAL: Hyperparameters = { ...AUTOKERAS_FIRST_TRIAL, blocks: 2, convsPerBlock: 1, blockDropout: 0 };

/**
 * Two blocks of two 3×3 convolutions (32, 32 | 64, 64), each block max-pooled and dropped out (0.25), flatten,
 * dropout 0.5: about as many multiply-adds as AutoKeras's first trial (≈ 9.7 M against 10.8 M per image) but
 * twice the depth and fewer, smaller activations, which reaches higher MNIST accuracy in the same epochs.
 */
export const DEEP_TRIAL: Hyperparameters = { ...AUTOKERAS_FIRST_TRIAL, blocks: 2, filters: [32, 32, 64, 64] };

/** The first trial each `--preset` name stands for. */
export const PRESETS = { autokeras: AUTOKERAS_FIRST_TRIAL, fast: FAST_TRIAL, deep: DEEP_TRIAL } as const;
export type PresetName = keyof typeof PRESETS;

/** The learning-rate schedule each preset trains with (the runs recorded in examples/mnist/training). */
export const PRESET_LR_SCHEDULES: Readonly<Record<PresetName, LrSchedule>> = {
  autokeras: GENTLE_LR_SCHEDULE,
  fast: DEFAULT_LR_SCHEDULE,
  deep: DEFAULT_LR_SCHEDULE,
};

export function isPresetName(name: string): name is PresetName {
  return Object.hasOwn(PRESETS, name);
}
