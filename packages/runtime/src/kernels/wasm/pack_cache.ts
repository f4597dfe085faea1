/**
 * Weights are packed into wasm memory at prepare, and that memory is bump-allocated for the life of the
 * process. Preparing a node again (allocateTensors after resizeInputTensor) must therefore reuse its packing
 * rather than pack again, or every resize would leak a copy of the model's weights. Packings are kept per
 * node and reused while the node's constant inputs hold the same values: the same array (model weights are
 * views into the model bytes, fixed at load), or equal contents (constants folded anew at each prepare, such
 * as float16 weights behind a DEQUANTIZE).
 */
import type { TypedArray } from '../../core/dtype.js';
import type { RuntimeTensor } from '../kernel.js';

/** What packOnce reads of a node: its inputs (a NodeContext of any options). */
type WithInputs = { readonly inputs: readonly (RuntimeTensor | null)[] };

interface Entry {
  sources: readonly (TypedArray | null)[];
  readonly value: unknown;
}

const packings = new WeakMap<object, Entry>();

function sameValues(a: TypedArray, b: TypedArray): boolean {
  if (a === b) return true;
  if (a.byteLength !== b.byteLength) return false;
  const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

function constantSources(node: WithInputs): (TypedArray | null)[] {
  return node.inputs.map((t) => (t?.isConstant ? t.data : null));
}

/**
 * `pack()`'s result for this node, made once and reused while its constant inputs are unchanged. `pack` must
 * depend only on those constants and the node's options, never on input shapes.
 */
export function packOnce<T>(node: WithInputs, pack: () => T): T {
  const sources = constantSources(node);
  const hit = packings.get(node);
  if (hit && hit.sources.length === sources.length && hit.sources.every((s, i) => {
    const now = sources[i] ?? null;
    return s === null || now === null ? s === now : sameValues(s, now);
  })) {
    hit.sources = sources; // let the previous folded arrays go
    return hit.value as T;
  }
  const value = pack();
  packings.set(node, { sources, value });
  return value;
}
