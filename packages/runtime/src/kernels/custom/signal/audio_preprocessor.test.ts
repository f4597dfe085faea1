/**
 * TFLite Micro's audio front end end to end: the micro_speech audio_preprocessor models (wild corpus) chain
 * every signal-library operator. No JavaScript engine runs them, so the check is TFLite Micro's own: the int8
 * features its micro_speech tests expect for a "yes" and a "no" frame.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  MICRO_SPEECH_NO_30MS, MICRO_SPEECH_NO_FEATURES, MICRO_SPEECH_YES_30MS, MICRO_SPEECH_YES_FEATURES, sharedDir, skipWithoutShared,
} from '@tflite-lambda/testing';
import { Interpreter } from '../../../interpreter/interpreter.js';

const skip = skipWithoutShared();

async function preprocessor(kind: 'int8' | 'float'): Promise<Interpreter> {
  const it = await Interpreter.load(join(sharedDir()!, 'wild', `audio_preprocessor_${kind}`, 'model.tflite'));
  it.allocateTensors();
  return it;
}

function features(it: Interpreter, frame: readonly number[]): number[] {
  it.setTensor(it.getInputDetails()[0]!.index, Int16Array.from(frame));
  it.invoke();
  return Array.from(it.getTensor(it.getOutputDetails()[0]!.index) as Int8Array | Float32Array);
}

test('the int8 audio preprocessor gives TFLite Micro\'s expected features for "yes" and "no"', { skip }, async () => {
  assert.deepEqual(features(await preprocessor('int8'), MICRO_SPEECH_YES_30MS), MICRO_SPEECH_YES_FEATURES);
  assert.deepEqual(features(await preprocessor('int8'), MICRO_SPEECH_NO_30MS), MICRO_SPEECH_NO_FEATURES);
});

test('the float audio preprocessor gives the same log energies, scaled by 1/25.6', { skip }, async () => {
  // The int8 model maps a log energy L to clamp(trunc((256·L + 333) / 666) − 128); the float one gives L / 25.6.
  const logs = features(await preprocessor('float'), MICRO_SPEECH_YES_30MS).map((v) => v * 25.6);
  for (const l of logs) assert.ok(Math.abs(l - Math.round(l)) < 1e-3, `log energy ${l} is an integer`);
  const asInt8 = logs.map((l) => Math.min(127, Math.max(-128, Math.trunc((256 * Math.round(l) + 333) / 666) - 128)));
  assert.deepEqual(asInt8, MICRO_SPEECH_YES_FEATURES);
});

test('the noise estimate carries over invokes and starts afresh in a new interpreter', { skip }, async () => {
  const it = await preprocessor('int8');
  const first = features(it, MICRO_SPEECH_YES_30MS);
  const second = features(it, MICRO_SPEECH_YES_30MS);
  assert.notDeepEqual(second, first);
  assert.deepEqual(features(await preprocessor('int8'), MICRO_SPEECH_YES_30MS), first);
});
