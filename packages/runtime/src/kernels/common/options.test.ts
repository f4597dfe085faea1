import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ModelFormatError } from '../../core/errors.js';
import type { ArithmeticOptions } from '../../core/options.js';
import { optionsOrDefault, requireOptions } from './options.js';

const NONE: ArithmeticOptions = { kind: 'AddOptions', fusedActivation: 'NONE', potScaleInt16: true };

test('options of a kind shared by several ops type-check and pass through', () => {
  const raw: ArithmeticOptions = { kind: 'SubOptions', fusedActivation: 'RELU', potScaleInt16: false };
  const got: ArithmeticOptions = optionsOrDefault(raw, ['AddOptions', 'SubOptions'], NONE);
  assert.equal(got, raw);
});

test('missing options fall back to the default; wrong kinds are ModelFormatErrors', () => {
  assert.equal(optionsOrDefault(null, ['AddOptions'], NONE), NONE);
  assert.throws(() => optionsOrDefault({ kind: 'SoftmaxOptions', beta: 1 }, ['AddOptions'], NONE), ModelFormatError);
  assert.throws(() => requireOptions(null, ['Conv2DOptions']), /expected Conv2DOptions, found no options/);
});
