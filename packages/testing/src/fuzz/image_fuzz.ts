/**
 * The image fuzz target: structure-aware mutations of the Pillow fixture images through vision's whole
 * pipeline (decode, convert, resize). The property: every input ends in the image asked for or an
 * ImageError with a message of ours, within the time budget (plus slack for a loaded machine), under
 * limits small enough that no case can allocate much.
 */
import { ImageError, prepareImage, sniffImageFormat, type ImageLimits } from '@tflite-lambda/vision';
import { loadPillowCases, readFixtureImage } from '../images/pillow_fixtures.js';
import { caseRng, describeThrown, foreignWording, type FuzzCase, type FuzzTarget } from './fuzz_case.js';
import { mutateJpeg } from './jpeg_mutations.js';
import { mutatePng } from './png_mutations.js';

/** Limits for fuzzing: a mutated header can ask for at most 8 MB of samples. */
export const FUZZ_IMAGE_LIMITS: Omit<ImageLimits, 'deadline'> = {
  maxPixels: 2_000_000,
  maxWidth: 4096,
  maxHeight: 4096,
  maxDecodedBytes: 8_000_000,
  maxScanWork: 20_000_000,
};
/** The deadline each case gets, and how far past it a case may end before it counts as a budget violation. */
export const FUZZ_TIME_BUDGET_MS = 1000;
export const FUZZ_TIME_SLACK_MS = 5000;

export interface ImageSeed {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export function pillowSeeds(): ImageSeed[] {
  return loadPillowCases().map((c) => ({ name: c.name, bytes: readFixtureImage(c) }));
}

/** One mutation of one seed (PNG or JPEG mutations by the seed's format). */
export function mutateImage(seed: ImageSeed, rng: ReturnType<typeof caseRng>): { bytes: Uint8Array; label: string } {
  const isPng = sniffImageFormat(seed.bytes) === 'png';
  let bytes = isPng ? mutatePng(seed.bytes, rng) : mutateJpeg(seed.bytes, rng);
  // One case in four stacks a second mutation on the first.
  if (rng.int(4) === 0) bytes = isPng ? mutatePng(bytes, rng) : mutateJpeg(bytes, rng);
  return { bytes, label: seed.name };
}

/** The property for one input: decoded to the target size, or refused with an ImageError of ours, in time. */
export function checkImageInput(bytes: Uint8Array, channels: 1 | 3 = 1): string | null {
  const started = performance.now();
  try {
    const image = prepareImage(bytes, { width: 28, height: 28, channels }, { ...FUZZ_IMAGE_LIMITS, deadline: started + FUZZ_TIME_BUDGET_MS });
    if (image.data.length !== 28 * 28 * channels) return `decoded to ${image.data.length} samples, not ${28 * 28 * channels}`;
  } catch (err) {
    if (!(err instanceof ImageError)) return `threw ${describeThrown(err)}`;
    const leak = foreignWording(err.message);
    if (leak) return leak;
  }
  const elapsed = performance.now() - started;
  if (elapsed > FUZZ_TIME_BUDGET_MS + FUZZ_TIME_SLACK_MS) return `took ${Math.round(elapsed)} ms (budget ${FUZZ_TIME_BUDGET_MS} ms)`;
  return null;
}

export function imageFuzzTarget(seeds: readonly ImageSeed[] = pillowSeeds()): FuzzTarget {
  return {
    name: 'images',
    makeCase(seed, index): FuzzCase {
      const rng = caseRng(seed, index);
      const { bytes, label } = mutateImage(rng.pick(seeds), rng);
      return { target: 'images', label, bytes };
    },
    check: (c) => checkImageInput(c.bytes, c.bytes.length % 2 === 0 ? 1 : 3),
  };
}
