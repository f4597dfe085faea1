/**
 * BITCAST: the input's bytes reread as the output dtype (every fixed-width dtype; not string). Equal widths
 * keep the shape; a wider input gains a last dimension of in/out elements; a narrower one must end in a
 * dimension of out/in elements, which is dropped (TFLite's bitcast.cc).
 */
import { bytesPerElement } from '../../core/dtype.js';
import { BuiltinOp } from '../../core/ops.js';
import { formatShape } from '../../core/shape.js';
import { requireInput, requireOutput, shapeError, unsupported } from '../common/node_checks.js';
import type { KernelRegistration } from '../kernel.js';

export const BITCAST_KERNEL: KernelRegistration<null, null> = {
  op: BuiltinOp.BITCAST,
  name: 'BITCAST (all fixed-width dtypes, reference)',
  parseOptions: () => null,
  prepare(node) {
    const input = requireInput(node, 0);
    const output = requireOutput(node, 0);
    if (input.dtype === 'string' || output.dtype === 'string') throw unsupported(node, 'string tensors have no fixed width to bitcast');
    const inWidth = bytesPerElement(input.dtype), outWidth = bytesPerElement(output.dtype);
    if (inWidth === outWidth) output.shape = [...input.shape];
    else if (inWidth > outWidth) output.shape = [...input.shape, inWidth / outWidth];
    else {
      const last = input.shape[input.shape.length - 1];
      if (last !== outWidth / inWidth) {
        throw shapeError(node, `${input.dtype}${formatShape(input.shape)} must end in ${outWidth / inWidth} elements to become ${output.dtype}`);
      }
      output.shape = input.shape.slice(0, -1);
    }
    return null;
  },
  eval(node) {
    const from = node.inputs[0]!.data, to = node.outputs[0]!.data;
    new Uint8Array(to.buffer, to.byteOffset, to.byteLength).set(new Uint8Array(from.buffer, from.byteOffset, from.byteLength));
  },
};
