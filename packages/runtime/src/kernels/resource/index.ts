/** Resource variables: handles, assignment and reads, shared through the interpreter's resources. */
import type { AnyKernel } from '../kernel.js';
import { VAR_HANDLE_KERNEL } from './var_handle.js';
import { ASSIGN_VARIABLE_KERNEL, READ_VARIABLE_KERNEL } from './variable_access.js';

export const RESOURCE_KERNELS: readonly AnyKernel[] = [VAR_HANDLE_KERNEL as AnyKernel, ASSIGN_VARIABLE_KERNEL as AnyKernel, READ_VARIABLE_KERNEL as AnyKernel];
