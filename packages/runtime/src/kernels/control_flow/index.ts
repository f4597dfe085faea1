/** Control flow: subgraphs called as functions. */
import type { AnyKernel } from '../kernel.js';
import { CALL_ONCE_KERNEL } from './call_once.js';
import { IF_KERNEL } from './if.js';
import { WHILE_KERNEL } from './while.js';

export const CONTROL_FLOW_KERNELS: readonly AnyKernel[] = [IF_KERNEL as AnyKernel, WHILE_KERNEL as AnyKernel, CALL_ONCE_KERNEL as AnyKernel];
