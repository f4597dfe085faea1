// Google's LiteRT.js (@litertjs/core, wasm accelerator = TFLite + XNNPACK), loaded under Node by the
// project's test support (packages/testing/src/litert), bundled into the bench only.
import { loadLiteRtCore } from '../../packages/testing/src/litert/load_core.ts';
import { withStaticShapeSignatures } from '../../packages/testing/src/litert/static_shapes.ts';

export const name = 'litert';

let core = null;
const log = [];

/** A compiled model: `run(inputs)` takes every input in subgraph order and returns copies of every output. */
export async function createSession(modelBytes) {
  core ??= await loadLiteRtCore((line) => log.push(line));
  const { api } = core;
  const model = await api.loadAndCompile(withStaticShapeSignatures(modelBytes), { accelerator: 'wasm' });
  const errors = log.filter((l) => /(^|\s)ERROR:/.test(l));
  if (errors.length > 0) throw new Error(`LiteRT.js logged: ${errors[0].trim()}`);
  const shapes = model.getInputDetails().map((d) => [...d.shape]);
  return {
    async run(data) {
      const tensors = data.map((x, i) => new api.Tensor(x, shapes[i]));
      const outs = await model.run(tensors);
      const result = outs.map((o) => o.toTypedArray().slice());
      for (const t of [...tensors, ...outs]) t.delete();
      return result;
    },
    /** Lines LiteRT.js logged with ERROR since load (it can answer with stale memory and only log). */
    errors: () => log.filter((l) => /(^|\s)ERROR:/.test(l)),
  };
}

/** The one-input, first-output form the cold/warm bench uses. */
export async function create(modelBytes) {
  const s = await createSession(modelBytes);
  return { run: async (data) => (await s.run([data]))[0] };
}
