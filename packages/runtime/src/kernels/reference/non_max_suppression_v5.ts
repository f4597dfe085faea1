/** NON_MAX_SUPPRESSION_V5 (float32, soft NMS with scores out): see common/nms_kernel.ts. */
import { nmsKernel } from '../common/nms_kernel.js';

export const NON_MAX_SUPPRESSION_V5_KERNEL = nmsKernel('V5');
