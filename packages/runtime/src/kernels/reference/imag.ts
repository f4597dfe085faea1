/** IMAG (complex64 → float32): the imaginary part of each element. */
import { complexToRealKernel } from '../common/complex_unary.js';

export const IMAG_KERNEL = complexToRealKernel('IMAG', (_re, im) => im);
