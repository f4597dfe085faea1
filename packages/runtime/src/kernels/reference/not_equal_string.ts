/** NOT_EQUAL on strings: see common/string_equality_kernel.ts. */
import { stringEqualityKernel } from '../common/string_equality_kernel.js';

export const NOT_EQUAL_STRING_KERNEL = stringEqualityKernel('NOT_EQUAL');
