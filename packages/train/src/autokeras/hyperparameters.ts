/** The search space of the image classifier: one point in it describes one trial's model and optimiser. */
export interface Hyperparameters {
  /** Convolution blocks; each is `convsPerBlock` convolutions then (optionally) a 2×2 max-pool. */
  blocks: number;
  convsPerBlock: number;
  filters: number[];
  kernelSize: number;
  maxPooling: boolean;
  separable: boolean;
  blockDropout: number;
  headDropout: number;
  /** 'flatten' as AutoKeras's first trial, or global average pooling. */
  reduction: 'flatten' | 'global_avg';
  learningRate: number;
  augment: boolean;
}

/**
 * AutoKeras's first ImageClassifier trial: normalization, conv 32 3×3, conv 64 3×3, max-pool, dropout 0.25,
 * flatten, dropout 0.5, dense softmax; Adam at 1e-3.
 */
export const AUTOKERAS_FIRST_TRIAL: Hyperparameters = {
  blocks: 1,
  convsPerBlock: 2,
  filters: [32, 64],
  kernelSize: 3,
  maxPooling: true,
  separable: false,
  blockDropout: 0.25,
  headDropout: 0.5,
  reduction: 'flatten',
  learningRate: 1e-3,
  augment: false,
};

/** A small deterministic PRNG (mulberry32) so the search and shuffling repeat under a seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rand: () => number, values: readonly T[]): T {
  return values[Math.floor(rand() * values.length)];
}

/** Trial 1 is AutoKeras's default; later trials sample the small space below. */
export function sampleHyperparameters(trial: number, rand: () => number): Hyperparameters {
  if (trial === 0) return { ...AUTOKERAS_FIRST_TRIAL };
  const blocks = pick(rand, [1, 2]);
  const convsPerBlock = pick(rand, [1, 2]);
  const base = pick(rand, [16, 32, 64]);
  const filters: number[] = [];
  for (let b = 0; b < blocks; b++) for (let c = 0; c < convsPerBlock; c++) filters.push(Math.min(base * 2 ** (b + c), 128));
  return {
    blocks,
    convsPerBlock,
    filters,
    kernelSize: pick(rand, [3, 5]),
    maxPooling: true,
    separable: pick(rand, [false, false, true]),
    blockDropout: pick(rand, [0, 0.25, 0.5]),
    headDropout: pick(rand, [0, 0.25, 0.5]),
    reduction: pick(rand, ['flatten', 'global_avg'] as const),
    learningRate: pick(rand, [1e-3, 5e-4, 2e-3]),
    augment: pick(rand, [false, true]),
  };
}
