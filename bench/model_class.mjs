// The precision class of a model, as the wild corpus's meta.json states it (float32, int8, uint8, int16x8,
// dynamic-range, float16-weights), derived from its tensors for models whose meta.json has none.
export function modelClass(readModel, bytes) {
  const sg = readModel(bytes).subgraphs[0];
  const quantized = (t) => t.quantization && t.quantization.scale.length > 0;
  const activations = sg.tensors.filter((t) => t.data === null);
  if (sg.tensors.some((t) => t.dtype === 'float16')) return 'float16-weights';
  if (activations.some((t) => t.dtype === 'int16' && quantized(t))) return 'int16x8';
  if (activations.some((t) => t.dtype === 'uint8' && quantized(t))) return 'uint8';
  if (activations.some((t) => t.dtype === 'int8' && quantized(t))) return 'int8';
  if (sg.tensors.some((t) => t.data !== null && t.dtype === 'int8' && quantized(t))) return 'dynamic-range';
  return 'float32';
}
