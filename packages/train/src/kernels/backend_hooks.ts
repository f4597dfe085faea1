/**
 * Connects the output pool (threads/output_pool.ts) to a TF.js cpu backend by wrapping four of its methods on
 * the instance: `write`/`move` count an entry holding a pooled buffer (an output, or a view of one that a
 * stock kernel such as Slice made), `disposeData` uncounts it once the entry is really deleted, and
 * `readSync` (which `read`, `dataSync` and `data` go through) pins the buffer it hands out.
 */
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { outputPool } from '../threads/output_pool.js';

const hooked = new Set<MathBackendCPU>();

function bufferOf(values: unknown): ArrayBufferLike | null {
  return ArrayBuffer.isView(values) ? values.buffer : null;
}

/** Installs the hooks on `backend` once; the pool then recycles the outputs its tensors release. */
export function hookBackend(backend: MathBackendCPU): void {
  if (hooked.has(backend)) return;
  const { write, move, disposeData, readSync } = backend;
  hooked.add(backend);
  const held = (values: unknown) => {
    const b = bufferOf(values);
    if (b && outputPool.owns(b)) outputPool.hold(b);
  };
  backend.write = function (this: MathBackendCPU, values, shape, dtype) {
    held(values);
    return write.call(this, values, shape, dtype);
  };
  backend.move = function (this: MathBackendCPU, dataId, values, shape, dtype, refCount) {
    held(values);
    move.call(this, dataId, values, shape, dtype, refCount);
  };
  backend.disposeData = function (this: MathBackendCPU, dataId, force) {
    const b = this.data.has(dataId) ? bufferOf(this.data.get(dataId).values) : null;
    const done = disposeData.call(this, dataId, force);
    if (b && outputPool.owns(b) && !this.data.has(dataId)) outputPool.drop(b);
    return done;
  };
  backend.readSync = function (this: MathBackendCPU, dataId) {
    const values = readSync.call(this, dataId);
    const b = bufferOf(values);
    if (b && outputPool.owns(b)) outputPool.pin(b);
    return values;
  };
}

/** Restores every hooked backend's own methods and empties the pool. */
export function unhookBackends(): void {
  for (const backend of hooked.keys()) {
    // The wrappers are own properties; deleting them uncovers the prototype's methods again.
    for (const key of ['write', 'move', 'disposeData', 'readSync'] as const) Reflect.deleteProperty(backend, key);
  }
  hooked.clear();
  outputPool.clear();
}
