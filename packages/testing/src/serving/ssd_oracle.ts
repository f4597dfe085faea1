/**
 * LiteRT.js's detections for an SSD model, as an independent reference. LiteRT.js refuses the published
 * model whole (its post-processing outputs are declared without shapes, and LiteRT.js sizes output buffers
 * from the declaration), so the model is run in two LiteRT.js calls: the network up to the
 * TFLite_Detection_PostProcess node, then a model holding only that node (the same anchors and options)
 * with its outputs given their shapes. Both halves are TFLite's own kernels. Not exported.
 */
import { readModel } from '@tflite-lambda/runtime';
import { buildModel } from '@tflite-lambda/runtime/builder';
import { readFlexMap } from '@tflite-lambda/runtime/internal';
import type { HostTensor } from '../litert/host_tensor.js';
import type { LiteRtOracle } from '../litert/oracle.js';

export async function liteRtSsd(oracle: LiteRtOracle, model: Uint8Array, input: HostTensor): Promise<HostTensor[]> {
  const desc = readModel(model);
  const sg = desc.subgraphs[0];
  const at = sg.operators.findIndex((op) => op.customCode === 'TFLite_Detection_PostProcess');
  if (at < 0) throw new Error('no TFLite_Detection_PostProcess node');
  const post = sg.operators[at];
  const max = Number(readFlexMap(post.customOptions ?? new Uint8Array(0), 'options').get('max_detections'));
  const shapes = [[1, max, 4], [1, max], [1, max], [1]];
  const backbone = buildModel({ ...desc, subgraphs: [{ ...sg, outputs: [post.inputs[0], post.inputs[1]], operators: sg.operators.filter((_, i) => i !== at) }] });
  const tensors = sg.tensors.map((t, i) => (post.outputs.includes(i) ? { ...t, shape: shapes[post.outputs.indexOf(i)] } : t));
  const tail = buildModel({
    ...desc,
    signatures: [],
    metadata: [],
    subgraphs: [{ name: 'post', tensors, inputs: [post.inputs[0], post.inputs[1]], outputs: post.outputs, operators: [post] }],
  });
  return oracle.run(tail, await oracle.run(backbone, [input]));
}
