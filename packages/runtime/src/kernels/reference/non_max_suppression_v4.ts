/** NON_MAX_SUPPRESSION_V4 (float32): see common/nms_kernel.ts. */
import { nmsKernel } from '../common/nms_kernel.js';

export const NON_MAX_SUPPRESSION_V4_KERNEL = nmsKernel('V4');
