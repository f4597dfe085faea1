/** BITWISE_XOR (int8/16/32, uint8/16/32) with numpy broadcasting. */
import { integerBinaryKernel } from '../common/integer_binary_kernel.js';

export const BITWISE_XOR_KERNEL = integerBinaryKernel('BITWISE_XOR', (x, y) => x ^ y);
