/**
 * RFFT2D with COMPLEX_ABS, REAL and IMAG reading its complex64 output (the JS API of LiteRT.js has no complex
 * tensors, so complex values only travel between ops): fft lengths equal to, smaller than (crop) and larger
 * than (zero-pad) the input, leading batch dimensions, and YAMNet's one-row 512-point shape; MUL of two
 * spectra (broadcast too).
 */
import { BuiltinOp, type BuiltinOpName } from '@tflite-lambda/runtime/internal';
import { CaseBuilder, type DiffCase, type DiffFamily } from '../case_builder.js';
import { i32, normalFloats } from '../random_data.js';
import { Rng } from '../rng.js';

function rfft(rng: Rng, shape: number[], fft: [number, number], reader: BuiltinOpName): DiffCase {
  const b = new CaseBuilder();
  const x = b.input({ dtype: 'float32', shape }, normalFloats(rng, shape));
  const length = b.constant({ dtype: 'int32', shape: [2] }, i32(fft));
  const outShape = [...shape.slice(0, -2), fft[0], fft[1] / 2 + 1];
  const spectrum = b.intermediate({ dtype: 'complex64', shape: outShape });
  b.op(BuiltinOp.RFFT2D, [x, length], [spectrum]);
  const out = b.output({ dtype: 'float32', shape: outShape });
  b.op(BuiltinOp[reader], [spectrum], [out]);
  return b.build(`RFFT2D [${shape}] fft_length [${fft}] then ${reader}`);
}

/** Two spectra multiplied (the second broadcast along rows when `broadcast`), read back by REAL and IMAG. */
function mulSpectra(rng: Rng, broadcast: boolean): DiffCase {
  const b = new CaseBuilder();
  const spectrum = (shape: number[]) => {
    const x = b.input({ dtype: 'float32', shape }, normalFloats(rng, shape));
    const z = b.intermediate({ dtype: 'complex64', shape: [shape[0]!, 5] });
    b.op(BuiltinOp.RFFT2D, [x, b.constant({ dtype: 'int32', shape: [2] }, i32([shape[0]!, 8]))], [z]);
    return z;
  };
  const p = spectrum([4, 8]), q = spectrum(broadcast ? [1, 8] : [4, 8]);
  const product = b.intermediate({ dtype: 'complex64', shape: [4, 5] });
  b.op(BuiltinOp.MUL, [p, q], [product], { kind: 'MulOptions', fusedActivation: 'NONE', potScaleInt16: true });
  b.op(BuiltinOp.REAL, [product], [b.output({ dtype: 'float32', shape: [4, 5] })]);
  b.op(BuiltinOp.IMAG, [product], [b.output({ dtype: 'float32', shape: [4, 5] })]);
  return b.build(`MUL of complex64 spectra${broadcast ? ' (broadcast row)' : ''} then REAL and IMAG`);
}

export const complexFftFamily: DiffFamily = {
  name: 'RFFT2D and complex64 readers',
  cases(seed: number): DiffCase[] {
    const rng = new Rng(seed + 743);
    return [
      rfft(rng, [4, 8], [4, 8], 'COMPLEX_ABS'),
      rfft(rng, [4, 8], [4, 8], 'REAL'),
      rfft(rng, [4, 8], [4, 8], 'IMAG'),
      rfft(rng, [2, 3, 5, 6], [8, 4], 'REAL'),
      rfft(rng, [3, 16, 16], [4, 8], 'IMAG'),
      rfft(rng, [1, 3, 400], [1, 512], 'COMPLEX_ABS'),
      rfft(rng, [2, 2, 2], [2, 2], 'COMPLEX_ABS'),
      mulSpectra(rng, false),
      mulSpectra(rng, true),
    ];
  },
};
