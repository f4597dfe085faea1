/** EQUAL on strings: see common/string_equality_kernel.ts. */
import { stringEqualityKernel } from '../common/string_equality_kernel.js';

export const EQUAL_STRING_KERNEL = stringEqualityKernel('EQUAL');
