/** An in-memory labelled image set (uint8 NHWC) and the index arithmetic the trainer needs on it. */
export interface ImageDataset {
  /** uint8 NHWC [count, height, width, channels], 0..255. */
  readonly images: Uint8Array;
  /** Class index per image. */
  readonly labels: Uint8Array;
  readonly count: number;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  readonly classNames: string[];
}

export function imageSize(d: ImageDataset): number {
  return d.height * d.width * d.channels;
}

/** The images at `indices`, in that order. */
export function subset(d: ImageDataset, indices: ArrayLike<number>): ImageDataset {
  const size = imageSize(d);
  const images = new Uint8Array(indices.length * size);
  const labels = new Uint8Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    const j = indices[i];
    images.set(d.images.subarray(j * size, (j + 1) * size), i * size);
    labels[i] = d.labels[j];
  }
  return { ...d, images, labels, count: indices.length };
}

/** A Fisher–Yates permutation of 0..n-1 driven by `rand`. */
export function permutation(n: number, rand: () => number): Int32Array {
  const p = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}

/** Shuffled split into training and validation parts (validation = the last `fraction`). */
export function splitValidation(d: ImageDataset, fraction: number, rand: () => number): { train: ImageDataset; validation: ImageDataset } {
  const p = permutation(d.count, rand);
  const nVal = Math.max(1, Math.round(d.count * fraction));
  return { train: subset(d, p.subarray(0, d.count - nVal)), validation: subset(d, p.subarray(d.count - nVal)) };
}

/** Images i0..i1 as float32 (0..255, NHWC) — the models normalise inside. */
export function floatImages(d: ImageDataset, i0: number, i1: number): Float32Array {
  const size = imageSize(d);
  return Float32Array.from(d.images.subarray(i0 * size, i1 * size));
}
