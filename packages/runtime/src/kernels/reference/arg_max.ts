/** ARG_MAX: the index of the first maximum along one constant axis (see common/arg_reduce.ts). */
import { argReduceKernel } from '../common/arg_reduce.js';

export const ARG_MAX_KERNEL = argReduceKernel('ARG_MAX');
