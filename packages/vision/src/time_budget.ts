/**
 * The deadline check of the decoders and the resampler. Reading the clock costs about as much as a few
 * hundred sample operations, so work is counted in units (about one sample or coefficient each) and the
 * clock is read once per CHECK_EVERY units: a hostile image is stopped within a few milliseconds of its
 * deadline, and a normal one pays nothing measurable.
 */
import { ImageError } from './errors.js';

const CHECK_EVERY = 1 << 18;

export class TimeBudget {
  private units = 0;
  private readonly started = performance.now();

  constructor(private readonly deadline: number) {}

  /** Counts `units` of work done; past the deadline throws IMAGE_DECODE_TIMEOUT. */
  spend(units: number): void {
    this.units += units;
    if (this.units < CHECK_EVERY) return;
    this.units = 0;
    this.check();
  }

  check(): void {
    const now = performance.now();
    if (now <= this.deadline) return;
    const allowed = Math.max(0, Math.round(this.deadline - this.started));
    throw new ImageError(
      'IMAGE_DECODE_TIMEOUT',
      `the image could not be decoded and resized in the time left for it (${allowed} ms); send a smaller image`,
    );
  }
}
