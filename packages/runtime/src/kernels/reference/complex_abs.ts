/** COMPLEX_ABS (complex64 → float32): |re + i·im|, computed without overflow (hypot), rounded to float32. */
import { complexToRealKernel } from '../common/complex_unary.js';

export const COMPLEX_ABS_KERNEL = complexToRealKernel('COMPLEX_ABS', (re, im) => Math.hypot(re, im));
