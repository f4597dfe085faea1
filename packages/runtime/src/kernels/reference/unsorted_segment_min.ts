/** UNSORTED_SEGMENT_MIN (float32, int32): see common/unsorted_segment_kernel.ts. */
import { unsortedSegmentKernel } from '../common/unsorted_segment_kernel.js';

export const UNSORTED_SEGMENT_MIN_KERNEL = unsortedSegmentKernel('UNSORTED_SEGMENT_MIN', 'min');
