/** ARG_MIN: the index of the first minimum along one constant axis (see common/arg_reduce.ts). */
import { argReduceKernel } from '../common/arg_reduce.js';

export const ARG_MIN_KERNEL = argReduceKernel('ARG_MIN');
