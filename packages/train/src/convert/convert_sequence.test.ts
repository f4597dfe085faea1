/**
 * Sequence and text layers: every converted model is run by our Interpreter and by tfjs-tflite (TFLite's own
 * interpreter; LiteRT.js refuses variable tensors) and both are compared with TF.js predict.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { setBackend } from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { initializers, input, layers, model as functionalModel, sequential, type LayersModel, } from '@tensorflow/tfjs-layers';
import { BuiltinOp, Interpreter } from '@tflite-lambda/runtime';
import { TfjsTfliteOracle } from '@tflite-lambda/testing/tfjs-tflite';
import { LiteRtOracle } from '@tflite-lambda/testing/litert';
import { convertLayersModel, type ConvertOptions } from './convert.js';
import { ConversionError } from './read_layers.js';
import { opcodes, predictTfjsValues, randomIds, randomInput, relativeDiff, runTfjsTflite, runTfliteValues, seq } from '@tflite-lambda/testing/train';

await setBackend('cpu');

const VOCAB = 30;
const STEPS = 7;


// TF.js's default orthogonal recurrent initializer needs the chained tensor API; the weights' origin does not
// matter here. Biases are random so every bias path is exercised.
const init = (seed: number) => ({
  kernelInitializer: initializers.randomUniform({ minval: -0.6, maxval: 0.6, seed }),
  recurrentInitializer: initializers.randomUniform({ minval: -0.6, maxval: 0.6, seed: seed + 1 }),
  biasInitializer: initializers.randomUniform({ minval: -0.3, maxval: 0.3, seed: seed + 2 }),
});

const embedding = (extra: Record<string, unknown> = {}) =>
  layers.embedding({ inputDim: VOCAB, outputDim: 5, embeddingsInitializer: initializers.randomUniform({ minval: -1, maxval: 1, seed: 3 }), ...extra });

/**
 * Converts `m`, runs it on token ids in both TFLite engines and checks each against TF.js within 1e-4
 * (relative). Returns the bytes and the measured differences.
 */
async function assertIdsMatch(t: TestContext, m: LayersModel, opts: ConvertOptions = {}, steps = STEPS, seed = 5): Promise<{ bytes: Uint8Array; ours: number; tflite: number }> {
  const ids = randomIds(steps, VOCAB, seed);
  const bytes = convertLayersModel(m, opts);
  const expected = predictTfjsValues(m, ids, [1, steps]);
  const ours = relativeDiff(runTfliteValues(bytes, ids), expected);
  const tflite = relativeDiff(await runTfjsTflite(bytes, ids, [1, steps]), expected);
  assert.ok(ours <= 1e-4, `our Interpreter vs TF.js: relative ${ours}`);
  assert.ok(tflite <= 1e-4, `tfjs-tflite vs TF.js: relative ${tflite}`);
  t.diagnostic(`relative difference to TF.js: our Interpreter ${ours.toExponential(2)}, tfjs-tflite ${tflite.toExponential(2)}; ${bytes.length} bytes, ${opcodes(bytes).length} operators`);
  return { bytes, ours, tflite };
}

test('text LSTM (Embedding → LSTM → Dense softmax): GATHER, UNIDIRECTIONAL_SEQUENCE_LSTM, last step by STRIDED_SLICE', async (t) => {
  const m = seq([STEPS], embedding(), layers.lstm({ units: 6, recurrentActivation: 'sigmoid', ...init(10) }), layers.dense({ units: 4, activation: 'softmax' }));
  const { bytes } = await assertIdsMatch(t, m);
  assert.deepEqual(opcodes(bytes), [BuiltinOp.GATHER, BuiltinOp.UNIDIRECTIONAL_SEQUENCE_LSTM, BuiltinOp.STRIDED_SLICE, BuiltinOp.FULLY_CONNECTED, BuiltinOp.SOFTMAX]);
});

test('stacked LSTMs: return_sequences, go_backwards (REVERSE_V2 around the op), relu cell without bias, TimeDistributed(Dense)', async (t) => {
  const m = seq([STEPS], embedding(),
    layers.lstm({ units: 4, returnSequences: true, recurrentActivation: 'sigmoid', ...init(20) }),
    layers.lstm({ units: 3, returnSequences: true, goBackwards: true, recurrentActivation: 'sigmoid', activation: 'relu', useBias: false, ...init(30) }),
    layers.timeDistributed({ layer: layers.dense({ units: 2 }) }));
  const { bytes } = await assertIdsMatch(t, m);
  assert.equal(opcodes(bytes).filter((o) => o === BuiltinOp.UNIDIRECTIONAL_SEQUENCE_LSTM).length, 2);
});

test('LSTM with TF.js\'s default hard-sigmoid gates is unrolled into builtins (TFLite\'s fused LSTM has sigmoid gates)', async (t) => {
  const m = seq([STEPS], embedding(), layers.lstm({ units: 4, ...init(40) }), layers.dense({ units: 3 }));
  const { bytes } = await assertIdsMatch(t, m);
  assert.ok(!opcodes(bytes).includes(BuiltinOp.UNIDIRECTIONAL_SEQUENCE_LSTM));
});

test('GRU (hard-sigmoid gates, reset before the recurrent product; softsign and relu cells) lowered to builtins, return_sequences and not', async (t) => {
  const m = seq([STEPS], embedding(),
    layers.gru({ units: 4, returnSequences: true, activation: 'softsign', ...init(50) }),
    layers.gru({ units: 3, activation: 'relu', recurrentActivation: 'sigmoid', goBackwards: true, ...init(60) }));
  const { bytes } = await assertIdsMatch(t, m);
  assert.ok(opcodes(bytes).every((o) => o !== BuiltinOp.WHILE && o !== BuiltinOp.UNIDIRECTIONAL_SEQUENCE_LSTM));
});

test('SimpleRNN → UNIDIRECTIONAL_SEQUENCE_RNN (tanh and relu), last step by STRIDED_SLICE', async (t) => {
  const m = seq([STEPS], embedding(),
    layers.simpleRNN({ units: 5, returnSequences: true, ...init(70) }),
    layers.simpleRNN({ units: 4, activation: 'relu', ...init(80) }),
    layers.dense({ units: 3 }));
  const { bytes } = await assertIdsMatch(t, m);
  assert.equal(opcodes(bytes).filter((o) => o === BuiltinOp.UNIDIRECTIONAL_SEQUENCE_RNN).length, 2);
});

for (const mergeMode of ['concat', 'sum', 'mul', 'ave'] as const) {
  test(`Bidirectional LSTM, merge mode ${mergeMode}: a forward and a backward UNIDIRECTIONAL_SEQUENCE_LSTM`, async (t) => {
    // Sequences for concat and sum (then Flatten), the last step for mul and ave.
    const returnSequences = mergeMode === 'concat' || mergeMode === 'sum';
    const m = seq([STEPS], embedding(),
      layers.bidirectional({ layer: layers.lstm({ units: 4, returnSequences, recurrentActivation: 'sigmoid', ...init(90) }) as never, mergeMode }),
      ...(returnSequences ? [layers.flatten()] : []),
      layers.dense({ units: 3, activation: 'softmax' }));
    const { bytes } = await assertIdsMatch(t, m);
    assert.equal(opcodes(bytes).filter((o) => o === BuiltinOp.UNIDIRECTIONAL_SEQUENCE_LSTM).length, 2);
  });
}

test('Bidirectional GRU and SimpleRNN (concat of sequences)', async (t) => {
  const m = seq([STEPS], embedding(),
    layers.bidirectional({ layer: layers.gru({ units: 3, returnSequences: true, ...init(100) }) as never }),
    layers.bidirectional({ layer: layers.simpleRNN({ units: 3, ...init(110) }) as never }),
    layers.dense({ units: 2 }));
  await assertIdsMatch(t, m);
});

test('Embedding → GlobalAveragePooling1D → Dense (the TF.js text-classification shape)', async (t) => {
  const m = seq([STEPS], embedding(), layers.globalAveragePooling1d({}), layers.dense({ units: 3, activation: 'softmax' }));
  const { bytes } = await assertIdsMatch(t, m);
  assert.equal(opcodes(bytes)[0], BuiltinOp.GATHER);
});

test('ids that also feed a non-Embedding layer stay a float input, CAST to int32 for the GATHER', async () => {
  const ids = input({ shape: [STEPS] });
  const embedded = layers.flatten().apply(embedding().apply(ids));
  const joined = layers.concatenate().apply([embedded, layers.dense({ units: 2 }).apply(ids)] as never);
  const m = functionalModel({ inputs: ids, outputs: layers.dense({ units: 3 }).apply(joined) as never });
  const x = Float32Array.from(randomIds(STEPS, VOCAB, 11));
  const bytes = convertLayersModel(m);
  assert.ok(opcodes(bytes).includes(BuiltinOp.CAST));
  const expected = predictTfjsValues(m, x, [1, STEPS]);
  assert.ok(relativeDiff(runTfliteValues(bytes, x), expected) <= 1e-4);
  assert.ok(relativeDiff(await runTfjsTflite(bytes, x, [1, STEPS]), expected) <= 1e-4);
});

test('TimeDistributed of per-step layers (Dense with activation, Dropout) converts; of a recurrent layer it is refused by name', async (t) => {
  const m = seq([STEPS], embedding(),
    layers.timeDistributed({ layer: layers.dense({ units: 4, activation: 'relu' }) }),
    layers.timeDistributed({ layer: layers.dropout({ rate: 0.3 }) }),
    layers.simpleRNN({ units: 3, ...init(190) }));
  await assertIdsMatch(t, m);
  const lstmInside = seq([STEPS, 4, 3], layers.timeDistributed({ layer: layers.lstm({ units: 2, ...init(195) }) as never, name: 'td_lstm' }));
  assert.throws(() => convertLayersModel(lstmInside), (e: unknown) => e instanceof ConversionError && /'td_lstm' \(TimeDistributed\) wraps LSTM/.test(e.message));
});

test('CNN-LSTM: TimeDistributed Conv2D, MaxPooling2D and Flatten run with time as the batch, then an LSTM', async (t) => {
  const shape = [4, 6, 6, 2];
  const m = seq(shape,
    layers.timeDistributed({ layer: layers.conv2d({ filters: 3, kernelSize: 3, activation: 'relu', padding: 'same' }) }),
    layers.timeDistributed({ layer: layers.maxPooling2d({ poolSize: 2 }) }),
    layers.timeDistributed({ layer: layers.flatten() }),
    layers.lstm({ units: 5, recurrentActivation: 'sigmoid', ...init(210) }),
    layers.dense({ units: 2 }));
  const x = randomInput([1, ...shape], 13);
  const bytes = convertLayersModel(m);
  const expected = predictTfjsValues(m, x, [1, ...shape]);
  const ours = relativeDiff(runTfliteValues(bytes, x), expected);
  const tflite = relativeDiff(await runTfjsTflite(bytes, x, [1, ...shape]), expected);
  t.diagnostic(`relative difference to TF.js: our Interpreter ${ours.toExponential(2)}, tfjs-tflite ${tflite.toExponential(2)}`);
  assert.ok(ours <= 1e-4 && tflite <= 1e-4, `ours ${ours}, tfjs-tflite ${tflite}`);
  assert.ok(opcodes(bytes).includes(BuiltinOp.CONV_2D) && opcodes(bytes).includes(BuiltinOp.MAX_POOL_2D));
});

test('the generic RNN layer of one LSTMCell or GRUCell converts like LSTM and GRU; stacked cells are refused by name', async (t) => {
  const m = seq([STEPS], embedding(),
    layers.rnn({ cell: layers.lstmCell({ units: 4, recurrentActivation: 'sigmoid', ...init(220) }), returnSequences: true }),
    layers.rnn({ cell: layers.gruCell({ units: 3, ...init(230) }), goBackwards: true }));
  const { bytes } = await assertIdsMatch(t, m);
  assert.ok(opcodes(bytes).includes(BuiltinOp.UNIDIRECTIONAL_SEQUENCE_LSTM));
  const stacked = seq([STEPS, 2], layers.rnn({ cell: [layers.simpleRNNCell({ units: 2, ...init(240) }), layers.simpleRNNCell({ units: 2, ...init(250) })], name: 'stack' }));
  assert.throws(() => convertLayersModel(stacked), (e: unknown) => e instanceof ConversionError && /'stack' \(RNN\) runs a StackedRNNCells cell/.test(e.message));
});

test('an unknown sequence length converts with sequenceLength and is refused without it, naming the option', async (t) => {
  const m = seq([null], embedding(), layers.lstm({ units: 4, recurrentActivation: 'sigmoid', ...init(120) }), layers.dense({ units: 2 }));
  assert.throws(() => convertLayersModel(m), (e: unknown) => e instanceof ConversionError && /sequence length/.test(e.message) && /--sequence-length/.test(e.message));
  await assertIdsMatch(t, m, { sequenceLength: 9 }, 9);
});

test('a float feature sequence [null, 3] (no Embedding) converts with sequenceLength', () => {
  const m = seq([null, 3], layers.simpleRNN({ units: 4, ...init(130) }));
  const x = randomInput([1, 6, 3], 7);
  const bytes = convertLayersModel(m, { sequenceLength: 6 });
  const d = relativeDiff(runTfliteValues(bytes, x), predictTfjsValues(m, x, [1, 6, 3]));
  assert.ok(d <= 1e-4, `relative ${d}`);
});

test('an unsupported layer in a model of unknown length is refused for the layer, not the shape', () => {
  const m = seq([null, 3], layers.masking({ maskValue: 0, name: 'mask_x' }), layers.simpleRNN({ units: 2, ...init(125) }));
  assert.throws(() => convertLayersModel(m), (e: unknown) => e instanceof ConversionError && !/sequence length/.test(e.message) && /'mask_x' of class Masking/.test(e.message));
});

test('mask_zero and stateful layers are refused in one line naming the layer', () => {
  const masked = seq([STEPS], embedding({ maskZero: true, name: 'emb_masked' }), layers.lstm({ units: 3, ...init(140) }));
  assert.throws(() => convertLayersModel(masked), (e: unknown) => e instanceof ConversionError && /'emb_masked'/.test(e.message) && /mask_zero/.test(e.message) && !e.message.includes('\n'));
  const stateful = sequential();
  stateful.add(layers.lstm({ units: 3, stateful: true, batchInputShape: [1, STEPS, 2], name: 'lstm_state', ...init(150) }));
  assert.throws(() => convertLayersModel(stateful), (e: unknown) => e instanceof ConversionError && /'lstm_state'/.test(e.message) && /stateful/.test(e.message));
});

test('dynamic mode: int8 LSTM and RNN weights run the hybrid sequence kernels, as tfjs-tflite does; full int8 is refused', async () => {
  const m = seq([STEPS], embedding(), layers.lstm({ units: 8, returnSequences: true, recurrentActivation: 'sigmoid', ...init(160) }),
    layers.simpleRNN({ units: 6, ...init(170) }));
  const ids = randomIds(STEPS, VOCAB, 9);
  const bytes = convertLayersModel(m, { quantize: 'dynamic' });
  const expected = predictTfjsValues(m, ids, [1, STEPS]);
  const ours = runTfliteValues(bytes, ids);
  const tflite = await runTfjsTflite(bytes, ids, [1, STEPS]);
  assert.ok(relativeDiff(ours, expected) <= 0.05, `hybrid vs TF.js: ${relativeDiff(ours, expected)}`);
  assert.ok(relativeDiff(ours, tflite) <= 1e-5, `our hybrid vs tfjs-tflite hybrid: ${relativeDiff(ours, tflite)}`);
  assert.throws(() => convertLayersModel(m, { quantize: 'int8', representative: [new Float32Array(STEPS)] }),
    (e: unknown) => e instanceof ConversionError && /int8/.test(e.message) && /layer 'embedding_\w+' lowers to GATHER/.test(e.message));
});

test('dynamic mode: an unrolled GRU uses hybrid FULLY_CONNECTED, matching LiteRT.js (no variable tensors here)', async () => {
  // tfjs-tflite's older hybrid FULLY_CONNECTED differs from LiteRT.js's by ~2e-3 relative, so LiteRT.js is the
  // reference for the unrolled cells.
  const m = seq([STEPS], embedding(), layers.gru({ units: 4, returnSequences: true, ...init(180) }));
  const ids = randomIds(STEPS, VOCAB, 10);
  const bytes = convertLayersModel(m, { quantize: 'dynamic' });
  const ours = runTfliteValues(bytes, ids);
  const [y] = await (await LiteRtOracle.create()).run(bytes, [{ dtype: 'int32', shape: [1, STEPS], data: ids }]);
  assert.ok(relativeDiff(ours, Float32Array.from(y.data as Float32Array)) <= 1e-6, `ours vs LiteRT.js: ${relativeDiff(ours, Float32Array.from(y.data as Float32Array))}`);
  assert.ok(relativeDiff(ours, predictTfjsValues(m, ids, [1, STEPS])) <= 0.05);
});

test('the fused LSTM keeps its state across invokes, as TFLite does; resetVariableTensors() gives the fresh answer again', async () => {
  // TF.js predict starts every call from zero state; a TFLite model with UNIDIRECTIONAL_SEQUENCE_LSTM carries
  // its variable tensors into the next invoke (TFLite's converter writes the same), so callers running one
  // sequence per invoke reset the variables between calls.
  const m = seq([STEPS], embedding(), layers.lstm({ units: 4, recurrentActivation: 'sigmoid', ...init(200) }));
  const ids = randomIds(STEPS, VOCAB, 12);
  const bytes = convertLayersModel(m);
  const expected = predictTfjsValues(m, ids, [1, STEPS]);
  const it = Interpreter.loadSync(bytes);
  it.allocateTensors();
  const run = () => {
    it.setTensor(it.getInputDetails()[0].index, ids);
    it.invoke();
    return Float32Array.from(it.getTensor(it.getOutputDetails()[0].index) as Float32Array);
  };
  const [first, second] = [run(), run()];
  it.resetVariableTensors();
  const afterReset = run();
  assert.ok(relativeDiff(first, expected) <= 1e-4 && relativeDiff(afterReset, expected) <= 1e-4);
  assert.ok(relativeDiff(second, expected) > 1e-4, 'the second invoke starts from the first one\'s state');
  const oracle = await TfjsTfliteOracle.create();
  const steps = await oracle.runSequence(bytes, [0, 1].map(() => [{ dtype: 'int32' as const, shape: [1, STEPS], data: ids }]));
  assert.ok(relativeDiff(second, Float32Array.from(steps[1][0].data as Float32Array)) <= 1e-5, 'tfjs-tflite carries the state the same way');
});
