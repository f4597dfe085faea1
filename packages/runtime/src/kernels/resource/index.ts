/**
 * Resource variables (handles, assignment and reads) and hash tables (made, imported, looked up, sized), shared
 * through the interpreter's resources.
 */
import type { AnyKernel } from '../kernel.js';
import { VAR_HANDLE_KERNEL } from './var_handle.js';
import { ASSIGN_VARIABLE_KERNEL, READ_VARIABLE_KERNEL } from './variable_access.js';
import { HASHTABLE_KERNEL } from './hashtable.js';
import { HASHTABLE_FIND_KERNEL } from './hashtable_find.js';
import { HASHTABLE_IMPORT_KERNEL } from './hashtable_import.js';
import { HASHTABLE_SIZE_KERNEL } from './hashtable_size.js';

export const RESOURCE_KERNELS: readonly AnyKernel[] = [
  VAR_HANDLE_KERNEL as AnyKernel, ASSIGN_VARIABLE_KERNEL as AnyKernel, READ_VARIABLE_KERNEL as AnyKernel,
  HASHTABLE_KERNEL as AnyKernel, HASHTABLE_FIND_KERNEL as AnyKernel, HASHTABLE_IMPORT_KERNEL as AnyKernel,
  HASHTABLE_SIZE_KERNEL as AnyKernel,
];
