/**
 * AudioClassifier: a WAV clip (or samples) is mixed down to mono (or spread to the model's channel count),
 * resampled to the model's rate (metadata AudioProperties, else the sampleRate option), and cut into windows
 * of the model's input length — consecutive by default, as MediaPipe does, or overlapping with a shorter hop
 * (YAMNet's own framing hops by 0.48 s); the last window is zero-padded. One ClassificationResult per window,
 * stamped with the window's start time.
 */
import type { ModelSource, TensorDetails } from '@tflite-lambda/runtime';
import { loadFromBaseOptions, type WithBaseOptions } from '../core/base_options.js';
import { TaskError } from '../core/errors.js';
import type { ClassificationResult } from '../core/results.js';
import { TaskModel } from '../core/task_model.js';
import type { CategoryFilter } from '../classification/categories.js';
import { ClassificationHead, type ClassificationOptions } from '../classification/classification_head.js';
import { resample } from './resample.js';
import { decodeWav, mixdown, type AudioClip } from './wav.js';
import { numericTensor } from '../../models/numeric_tensor.js';

export interface AudioClassifierOptions extends ClassificationOptions {
  /** The model's sample rate when its metadata does not give one. */
  readonly sampleRate?: number;
  /** Hop between windows in milliseconds (default: one window, no overlap). */
  readonly windowHopMs?: number;
  /** Refuse clips longer than this (default 600 s). */
  readonly maxDurationSeconds?: number;
}

/** Encoded WAV bytes, or samples with their rate (one array per channel, or one mono array). */
export type AudioInput = Uint8Array | ArrayBuffer | { readonly sampleRate: number; readonly samples: Float32Array | readonly Float32Array[] };

export class AudioClassifier {
  readonly sampleRate: number;
  readonly channels: number;
  /** Frames (samples per channel) in one window. */
  readonly windowFrames: number;
  readonly heads: readonly ClassificationHead[];
  private readonly input: TensorDetails;
  private readonly hopFrames: number;
  private readonly maxSeconds: number;

  private constructor(
    readonly model: TaskModel,
    options: AudioClassifierOptions,
  ) {
    if (model.inputs.length !== 1 || model.inputs[0].dtype !== 'float32') {
      throw new TaskError('UNSUPPORTED_MODEL', 'an audio classifier needs one float32 waveform input');
    }
    this.input = model.inputs[0];
    const props = model.inputMetadata(0)?.content?.properties;
    const audio = props?.kind === 'audio' ? props : null;
    const rate = audio?.sampleRate || options.sampleRate;
    if (!rate) throw new TaskError('UNSUPPORTED_MODEL', "the model's metadata gives no sample rate: pass the sampleRate option");
    this.sampleRate = rate;
    this.channels = audio?.channels || 1;
    const length = this.input.shape.reduce((a, b) => a * b, 1);
    if (length % this.channels !== 0) {
      throw new TaskError('UNSUPPORTED_MODEL', `input of ${length} samples does not hold whole frames of ${this.channels} channels`);
    }
    this.windowFrames = length / this.channels;
    const hop = options.windowHopMs === undefined ? this.windowFrames : Math.round((options.windowHopMs * rate) / 1000);
    if (!(hop >= 1 && hop <= this.windowFrames)) throw new TaskError('BAD_OPTIONS', `windowHopMs must give a hop of 1 to ${this.windowFrames} samples`);
    this.hopFrames = hop;
    this.maxSeconds = options.maxDurationSeconds ?? 600;
    this.heads = model.outputs.map((_, i) => new ClassificationHead(model, i, options));
  }

  /** Releases the model's memory (MediaPipe's close()); the task cannot run afterwards. */
  close(): void {
    this.model.dispose();
  }

  static async load(model: ModelSource, options: AudioClassifierOptions = {}): Promise<AudioClassifier> {
    return new AudioClassifier(await TaskModel.load(model), options);
  }

  static async createFromOptions(options: AudioClassifierOptions & WithBaseOptions): Promise<AudioClassifier> {
    return new AudioClassifier(await loadFromBaseOptions(options.baseOptions), options);
  }

  static fromTaskModel(model: TaskModel, options: AudioClassifierOptions = {}): AudioClassifier {
    return new AudioClassifier(model, options);
  }

  /** The model's input signal: channels adapted, resampled to the model's rate. */
  prepare(audio: AudioInput): Float32Array[] {
    const clip = this.clipOf(audio);
    if (clip.channels.length === 0 || clip.channels[0].length === 0) throw new TaskError('INVALID_INPUT', 'the audio clip is empty');
    const sources = this.channels === 1 ? [mixdown(clip)] : this.spread(clip);
    return sources.map((s) => resample(s, clip.sampleRate, this.sampleRate));
  }

  classify(audio: AudioInput, filter: CategoryFilter = {}): ClassificationResult[] {
    const signal = this.prepare(audio);
    const frames = signal[0].length;
    const results: ClassificationResult[] = [];
    // One request, one clip: a streaming model's state runs across its windows, not into the next clip.
    this.model.beginRequest();
    for (let start = 0; start === 0 || start < frames; start += this.hopFrames) {
      this.model.interpreter.setTensor(this.input.index, this.window(signal, start));
      this.model.interpreter.invoke();
      const classifications = this.heads.map((h, i) => {
        const d = this.model.outputs[i];
        return h.classify(h.scores(numericTensor(this.model.interpreter, d.index, d.name), d), i, filter);
      });
      results.push({ classifications, timestampMs: (start / this.sampleRate) * 1000 });
      if (start + this.windowFrames >= frames) break;
    }
    return results;
  }

  /** Interleaved frames [start, start + window), zeros past the end. */
  private window(signal: Float32Array[], start: number): Float32Array {
    const out = new Float32Array(this.windowFrames * this.channels);
    const end = Math.min(signal[0].length, start + this.windowFrames);
    for (let i = start; i < end; i++) for (let c = 0; c < this.channels; c++) out[(i - start) * this.channels + c] = signal[c][i];
    return out;
  }

  private clipOf(audio: AudioInput): AudioClip {
    if (audio instanceof Uint8Array || audio instanceof ArrayBuffer) {
      return decodeWav(audio instanceof Uint8Array ? audio : new Uint8Array(audio), this.maxSeconds);
    }
    const channels = audio.samples instanceof Float32Array ? [audio.samples] : [...audio.samples];
    if (!(audio.sampleRate > 0) || channels.some((c) => c.length !== channels[0].length)) {
      throw new TaskError('INVALID_INPUT', 'samples need a positive sampleRate and channels of equal length');
    }
    if (channels[0].length > this.maxSeconds * audio.sampleRate) throw new TaskError('AUDIO_TOO_LONG', `the clip is longer than ${this.maxSeconds} s`);
    return { sampleRate: audio.sampleRate, channels };
  }

  /** A mono clip feeds every channel; otherwise the channel counts must match. */
  private spread(clip: AudioClip): Float32Array[] {
    if (clip.channels.length === this.channels) return [...clip.channels];
    if (clip.channels.length === 1) return Array.from({ length: this.channels }, () => clip.channels[0]);
    throw new TaskError('INVALID_INPUT', `the clip has ${clip.channels.length} channels; the model takes ${this.channels}`);
  }
}
