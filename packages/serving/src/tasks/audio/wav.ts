/**
 * A WAV (RIFF/WAVE) reader: PCM 8-bit (unsigned), 16-, 24- and 32-bit (signed) and IEEE float 32/64, plain or
 * WAVE_FORMAT_EXTENSIBLE; samples become floats in [-1, 1), channels kept apart. Bounds-checked: a truncated
 * or inconsistent file is AUDIO_DECODE_FAILED, another encoding UNSUPPORTED_AUDIO_FORMAT.
 */
import { TaskError } from '../core/errors.js';

export interface AudioClip {
  readonly sampleRate: number;
  /** One array per channel. */
  readonly channels: readonly Float32Array[];
}

const PCM = 1;
const IEEE_FLOAT = 3;
const EXTENSIBLE = 0xfffe;
/** Streaming writers leave the data size as 0 or 0xFFFFFFFF: then the data runs to the end of the file. */
const UNKNOWN_SIZES = new Set([0, 0xffffffff]);

interface Format {
  readonly encoding: number;
  readonly channels: number;
  readonly sampleRate: number;
  readonly blockAlign: number;
  readonly bits: number;
}

function fail(message: string): never {
  throw new TaskError('AUDIO_DECODE_FAILED', `WAV: ${message}`);
}

function ascii(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + 4));
}

function readFormat(view: DataView, at: number, size: number): Format {
  if (size < 16) fail(`the fmt chunk is ${size} bytes, expected at least 16`);
  let encoding = view.getUint16(at, true);
  if (encoding === EXTENSIBLE) {
    if (size < 40) fail('an extensible fmt chunk is shorter than 40 bytes');
    encoding = view.getUint16(at + 24, true); // the first two bytes of the sub-format GUID
  }
  const format = {
    encoding,
    channels: view.getUint16(at + 2, true),
    sampleRate: view.getUint32(at + 4, true),
    blockAlign: view.getUint16(at + 12, true),
    bits: view.getUint16(at + 14, true),
  };
  const supported = (encoding === PCM && [8, 16, 24, 32].includes(format.bits)) || (encoding === IEEE_FLOAT && [32, 64].includes(format.bits));
  if (!supported) {
    throw new TaskError('UNSUPPORTED_AUDIO_FORMAT', `WAV encoding ${encoding} with ${format.bits}-bit samples is not supported (PCM 8/16/24/32-bit or float 32/64-bit)`);
  }
  if (format.channels < 1 || format.sampleRate < 1 || format.blockAlign !== format.channels * (format.bits / 8)) {
    fail(`inconsistent format (${format.channels} channels, ${format.sampleRate} Hz, block ${format.blockAlign} bytes)`);
  }
  return format;
}

function sampleReader(view: DataView, f: Format): (at: number) => number {
  if (f.encoding === IEEE_FLOAT) return f.bits === 32 ? (at) => view.getFloat32(at, true) : (at) => view.getFloat64(at, true);
  if (f.bits === 8) return (at) => (view.getUint8(at) - 128) / 128;
  if (f.bits === 16) return (at) => view.getInt16(at, true) / 32768;
  if (f.bits === 24) return (at) => ((view.getUint8(at) | (view.getUint8(at + 1) << 8) | (view.getInt8(at + 2) << 16)) / 8388608);
  return (at) => view.getInt32(at, true) / 2147483648;
}

export function isWav(bytes: Uint8Array): boolean {
  return bytes.length >= 12 && ascii(bytes, 0) === 'RIFF' && ascii(bytes, 8) === 'WAVE';
}

/** Decodes a WAV file; `maxSeconds` bounds the work and memory a hostile header can ask for. */
export function decodeWav(bytes: Uint8Array, maxSeconds = Infinity): AudioClip {
  if (!isWav(bytes)) {
    throw new TaskError('UNSUPPORTED_AUDIO_FORMAT', 'the audio is not a WAV file (no RIFF/WAVE header); send PCM or float WAV');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let format: Format | null = null;
  for (let at = 12; at + 8 <= bytes.length; ) {
    const id = ascii(bytes, at);
    const declared = view.getUint32(at + 4, true);
    const body = at + 8;
    if (id === 'data') {
      if (format === null) fail('the data chunk comes before the fmt chunk');
      const available = bytes.length - body;
      if (!UNKNOWN_SIZES.has(declared) && declared > available) fail(`the data chunk claims ${declared} bytes; ${available} are present`);
      const size = UNKNOWN_SIZES.has(declared) ? available : declared;
      return decodeSamples(view, body, Math.floor(size / format.blockAlign), format, maxSeconds);
    }
    if (body + declared > bytes.length) fail(`chunk '${id}' runs past the end of the file`);
    if (id === 'fmt ') format = readFormat(view, body, declared);
    at = body + declared + (declared & 1); // chunks are padded to an even length
  }
  return fail('no data chunk');
}

function decodeSamples(view: DataView, start: number, frames: number, f: Format, maxSeconds: number): AudioClip {
  if (frames > maxSeconds * f.sampleRate) {
    throw new TaskError('AUDIO_TOO_LONG', `the clip lasts ${(frames / f.sampleRate).toFixed(1)} s; the limit is ${maxSeconds} s`);
  }
  const read = sampleReader(view, f);
  const width = f.bits / 8;
  const channels = Array.from({ length: f.channels }, () => new Float32Array(frames));
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < f.channels; c++) channels[c][i] = read(start + i * f.blockAlign + c * width);
  }
  return { sampleRate: f.sampleRate, channels };
}

/** The average of the channels. */
export function mixdown(clip: AudioClip): Float32Array {
  if (clip.channels.length === 1) return clip.channels[0];
  const out = new Float32Array(clip.channels[0].length);
  for (const ch of clip.channels) for (let i = 0; i < out.length; i++) out[i] += ch[i];
  for (let i = 0; i < out.length; i++) out[i] /= clip.channels.length;
  return out;
}
