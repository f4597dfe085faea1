/** REAL (complex64 → float32): the real part of each element. */
import { complexToRealKernel } from '../common/complex_unary.js';

export const REAL_KERNEL = complexToRealKernel('REAL', (re) => re);
