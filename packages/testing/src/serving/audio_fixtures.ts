/**
 * Test support for audio: WAV files written byte by byte from the RIFF/WAVE layout (PCM 8/16/24/32-bit,
 * IEEE float 32/64, optionally as WAVE_FORMAT_EXTENSIBLE), tones, and a small audio classifier model with
 * AudioProperties metadata. Not exported from the package index.
 */
import { BuiltinOp } from '@tflite-lambda/runtime';
import { ModelBuilder } from '@tflite-lambda/runtime/builder';
import { writeModelMetadata } from '@tflite-lambda/runtime/metadata';
import { seededRandom } from '../kernels/test_helpers.js';

export type WavEncoding = 'pcm8' | 'pcm16' | 'pcm24' | 'pcm32' | 'float32' | 'float64';

const BITS: Record<WavEncoding, number> = { pcm8: 8, pcm16: 16, pcm24: 24, pcm32: 32, float32: 32, float64: 64 };

function writeSample(view: DataView, at: number, v: number, encoding: WavEncoding): void {
  const clamp = (x: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, x));
  if (encoding === 'pcm8') view.setUint8(at, clamp(Math.round(v * 128 + 128), 0, 255));
  else if (encoding === 'pcm16') view.setInt16(at, clamp(Math.round(v * 32768), -32768, 32767), true);
  else if (encoding === 'pcm24') {
    const q = clamp(Math.round(v * 8388608), -8388608, 8388607);
    view.setUint8(at, q & 0xff);
    view.setUint8(at + 1, (q >> 8) & 0xff);
    view.setInt8(at + 2, q >> 16);
  } else if (encoding === 'pcm32') view.setInt32(at, clamp(Math.round(v * 2147483648), -2147483648, 2147483647), true);
  else if (encoding === 'float32') view.setFloat32(at, v, true);
  else view.setFloat64(at, v, true);
}

export interface WavSpec {
  readonly sampleRate: number;
  readonly channels: readonly Float32Array[];
  readonly encoding?: WavEncoding;
  readonly extensible?: boolean;
  /** A chunk of odd length before 'data' (chunks are padded to even sizes). */
  readonly oddChunk?: boolean;
}

export function wavBytes(spec: WavSpec): Uint8Array {
  const encoding = spec.encoding ?? 'pcm16';
  const bits = BITS[encoding];
  const nch = spec.channels.length;
  const frames = spec.channels[0].length;
  const block = nch * (bits / 8);
  const fmtSize = spec.extensible ? 40 : 16;
  const extra = spec.oddChunk ? 8 + 3 + 1 : 0;
  const size = 12 + 8 + fmtSize + extra + 8 + frames * block;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  const ascii = (at: number, s: string) => out.set(new TextEncoder().encode(s), at);
  ascii(0, 'RIFF');
  view.setUint32(4, size - 8, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, fmtSize, true);
  const code = encoding.startsWith('float') ? 3 : 1;
  view.setUint16(20, spec.extensible ? 0xfffe : code, true);
  view.setUint16(22, nch, true);
  view.setUint32(24, spec.sampleRate, true);
  view.setUint32(28, spec.sampleRate * block, true);
  view.setUint16(32, block, true);
  view.setUint16(34, bits, true);
  if (spec.extensible) {
    view.setUint16(36, 22, true);
    view.setUint16(38, bits, true);
    view.setUint32(40, 0, true); // channel mask
    view.setUint16(44, code, true); // sub-format GUID: its first two bytes are the format code
    out.set([0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71], 46);
  }
  let at = 20 + fmtSize;
  if (spec.oddChunk) {
    ascii(at, 'LIST');
    view.setUint32(at + 4, 3, true);
    at += 8 + 3 + 1;
  }
  ascii(at, 'data');
  view.setUint32(at + 4, frames * block, true);
  at += 8;
  for (let i = 0; i < frames; i++) for (let c = 0; c < nch; c++) writeSample(view, at + i * block + c * (bits / 8), spec.channels[c][i], encoding);
  return out;
}

export function tone(frequency: number, sampleRate: number, samples: number, amplitude = 0.5): Float32Array {
  return Float32Array.from({ length: samples }, (_, i) => amplitude * Math.sin((2 * Math.PI * frequency * i) / sampleRate));
}

export const AUDIO_MODEL = { sampleRate: 8000, window: 1600, classes: 3, labels: ['low', 'mid', 'high'] } as const;

/** The weights of the audio model's one dense layer, [classes, window], for tests that compute its answer. */
export function audioModelWeights(seed = 3): Float32Array {
  const rand = seededRandom(seed);
  return Float32Array.from({ length: AUDIO_MODEL.classes * AUDIO_MODEL.window }, () => (rand() - 0.5) * 0.1);
}

/** waveform float32 [1, 1600] at 8 kHz → dense → softmax over 3 labelled classes, with AudioProperties metadata. */
export function audioClassifierModel(): Uint8Array {
  const b = new ModelBuilder();
  const { window, classes } = AUDIO_MODEL;
  const x = b.addInput({ name: 'waveform', dtype: 'float32', shape: [1, window] });
  const w = b.addTensor({ name: 'weights', dtype: 'float32', shape: [classes, window], data: audioModelWeights() });
  const bias = b.addTensor({ name: 'bias', dtype: 'float32', shape: [classes], data: new Float32Array(classes) });
  const logits = b.addTensor({ name: 'logits', dtype: 'float32', shape: [1, classes] });
  const probs = b.addOutput({ name: 'scores', dtype: 'float32', shape: [1, classes] });
  b.addOperator({
    opcode: BuiltinOp.FULLY_CONNECTED,
    inputs: [x, w, bias],
    outputs: [logits],
    options: { kind: 'FullyConnectedOptions', fusedActivation: 'NONE', weightsFormat: 'DEFAULT', keepNumDims: false, asymmetricQuantizeInputs: false },
  });
  b.addOperator({ opcode: BuiltinOp.SOFTMAX, inputs: [logits], outputs: [probs], options: { kind: 'SoftmaxOptions', beta: 1 } });
  return writeModelMetadata(
    b.build(),
    {
      name: 'tiny audio classifier',
      subgraphMetadata: [
        {
          inputTensorMetadata: [{ name: 'audio_clip', content: { properties: { kind: 'audio', sampleRate: AUDIO_MODEL.sampleRate, channels: 1 } } }],
          outputTensorMetadata: [{ name: 'scores', associatedFiles: [{ name: 'labels.txt', type: 'TENSOR_AXIS_LABELS' }] }],
        },
      ],
    },
    new Map([['labels.txt', new TextEncoder().encode(AUDIO_MODEL.labels.join('\n'))]]),
  );
}
