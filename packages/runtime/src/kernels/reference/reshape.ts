/**
 * RESHAPE for every dtype: a copy under a new shape. The shape comes from the shape input when it is a 1-D
 * int32/int64 vector (TFLite's rule), otherwise from the options; one dimension may be -1 (inferred). A shape
 * input computed at run time makes the output dynamic (sized at eval), as in TFLite.
 */
import { BuiltinOp } from '../../core/ops.js';
import type { ReshapeOptions } from '../../core/options.js';
import { formatShape, numElements } from '../../core/shape.js';
import { constIntValues, intValues } from '../common/const_values.js';
import { copyAll, elementsOf } from '../common/elements.js';
import { expectSameDType } from '../common/layout_checks.js';
import { requireInput, requireOutput, shapeError } from '../common/node_checks.js';
import { optionsOrDefault } from '../common/options.js';
import type { KernelRegistration, NodeContext, RuntimeTensor } from '../kernel.js';

/** Whether the shape comes from a shape input that is known only at eval. */
interface ReshapeData {
  readonly dynamic: boolean;
}

export const RESHAPE_KERNEL: KernelRegistration<ReshapeOptions, ReshapeData> = {
  op: BuiltinOp.RESHAPE,
  name: 'RESHAPE (all dtypes, reference)',
  parseOptions: (raw) => optionsOrDefault(raw, ['ReshapeOptions'], { kind: 'ReshapeOptions', newShape: null }),
  prepare(node) {
    const input = requireInput(node, 0);
    const output = requireOutput(node, 0);
    expectSameDType(node, input, output);
    if (computedShapeInput(node)) {
      node.markOutputDynamic(0);
      return { dynamic: true };
    }
    output.shape = resolveShape(node, requestedShape(node), numElements(input.shape));
    return { dynamic: false };
  },
  eval(node, d) {
    const input = node.inputs[0]!;
    if (d.dynamic) node.resizeOutput(0, resolveShape(node, intValues(node, node.inputs[1]!, 'shape input'), numElements(input.shape)));
    copyAll(elementsOf(node.outputs[0]!.data), elementsOf(input.data));
  },
};

function isShapeVector(t: RuntimeTensor | null): t is RuntimeTensor {
  return t !== null && t.shape.length === 1 && (t.dtype === 'int32' || t.dtype === 'int64');
}

/** The shape input, when it is a shape vector whose values are known only at eval. */
function computedShapeInput(node: NodeContext<ReshapeOptions>): boolean {
  const shapeInput = node.inputs[1] ?? null;
  return isShapeVector(shapeInput) && !shapeInput.isConstant;
}

/** The requested shape, -1 allowed once. */
function requestedShape(node: NodeContext<ReshapeOptions>): number[] {
  const shapeInput = node.inputs[1] ?? null;
  const fromOptions = node.options.newShape;
  if (isShapeVector(shapeInput)) return constIntValues(node, shapeInput, 'shape input');
  if (fromOptions === null) return [];
  // Legacy converters wrote new_shape [0] for a scalar output.
  if (fromOptions.length === 1 && fromOptions[0] === 0) return [];
  return [...fromOptions];
}

function resolveShape(node: NodeContext<ReshapeOptions>, shape: number[], count: number): number[] {
  const stretch = shape.indexOf(-1);
  if (shape.lastIndexOf(-1) !== stretch) throw shapeError(node, `shape ${formatShape(shape)} has more than one -1`);
  if (shape.some((d, i) => i !== stretch && (d < 0 || !Number.isInteger(d)))) {
    throw shapeError(node, `shape ${formatShape(shape)} has a negative dimension`);
  }
  if (stretch >= 0) {
    const known = shape.reduce((p, d, i) => (i === stretch ? p : p * d), 1);
    if (known === 0 || count % known !== 0) {
      throw shapeError(node, `cannot infer -1 in ${formatShape(shape)} for ${count} elements`);
    }
    shape[stretch] = count / known;
  }
  if (numElements(shape) !== count) {
    throw shapeError(node, `cannot reshape ${count} elements into ${formatShape(shape)}`);
  }
  return shape;
}
