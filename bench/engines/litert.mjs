// Google's LiteRT.js (@litertjs/core, wasm accelerator = TFLite + XNNPACK), loaded under Node by the
// project's harness (packages/testing/src/litert).
import { loadLiteRtCore } from '../../packages/testing/src/litert/load_core.ts';
import { withStaticShapeSignatures } from '../../packages/testing/src/litert/static_shapes.ts';

export const name = 'litert';

export async function create(modelBytes) {
  const { api } = await loadLiteRtCore(() => {});
  const model = await api.loadAndCompile(withStaticShapeSignatures(modelBytes), { accelerator: 'wasm' });
  const shape = [...model.getInputDetails()[0].shape];
  return {
    async run(data) {
      const t = new api.Tensor(data, shape);
      const outs = await model.run([t]);
      const result = outs[0].toTypedArray().slice();
      t.delete();
      for (const o of outs) o.delete();
      return result;
    },
  };
}
