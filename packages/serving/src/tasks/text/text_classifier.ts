/**
 * TextClassifier: the tokenizer the model's metadata describes (a regex tokenizer on the input tensor, as
 * TFLite Support's NLClassifier reads it, or a BERT WordPiece tokenizer in the subgraph's input process
 * units, as BertNLClassifier does) — or one given in the options for a model without metadata — then the
 * same classification heads as the other classifiers. SentencePiece models are refused, naming why.
 */
import { readFileSync } from 'node:fs';
import type { ModelSource, TensorDetails, TypedArray } from '@tflite-lambda/runtime';
import type { ProcessUnit } from '@tflite-lambda/runtime/metadata';
import { loadFromBaseOptions, type WithBaseOptions } from '../core/base_options.js';
import { TaskError } from '../core/errors.js';
import type { ClassificationResult } from '../core/results.js';
import { TaskModel } from '../core/task_model.js';
import type { CategoryFilter } from '../classification/categories.js';
import { ClassificationHead, type ClassificationOptions } from '../classification/classification_head.js';
import { RegexTokenizer } from './regex_tokenizer.js';
import { vocabByLine, vocabWithIds } from './vocab.js';
import { WordPieceTokenizer } from './wordpiece_tokenizer.js';
import { numericTensor } from '../../models/numeric_tensor.js';

/** The pattern TFLite Model Maker writes for its text classifiers: split at anything but word characters and '. */
export const DEFAULT_DELIM_PATTERN = "[^\\w\\']+";

/** A tokenizer for a model whose metadata has none: its vocabulary as a file path or bytes. */
export type TokenizerOption =
  | { readonly kind: 'regex'; readonly vocab: string | Uint8Array; readonly delimRegexPattern?: string }
  | { readonly kind: 'bert'; readonly vocab: string | Uint8Array };

export interface TextClassifierOptions extends ClassificationOptions {
  readonly tokenizer?: TokenizerOption;
  /** Lower-case text before a regex tokenizer splits it (default false, as TFLite Support). */
  readonly lowercase?: boolean;
  /** Refuse longer texts (default 100 000 characters). */
  readonly maxTextLength?: number;
}

type Encoder = (text: string) => void;

export class TextClassifier {
  readonly heads: readonly ClassificationHead[];
  readonly tokenizerKind: 'regex' | 'bert';
  private readonly encode: Encoder;
  private readonly maxLength: number;

  private constructor(
    readonly model: TaskModel,
    options: TextClassifierOptions,
  ) {
    const unit = tokenizerUnit(model);
    const option = options.tokenizer;
    if (unit?.kind === 'sentencePieceTokenizer') {
      throw new TaskError('UNSUPPORTED_MODEL', 'this model uses a SentencePiece tokenizer, which is not supported (regex and BERT WordPiece are)');
    }
    if (unit?.kind === 'bertTokenizer' || (!unit && option?.kind === 'bert')) {
      this.tokenizerKind = 'bert';
      this.encode = this.bertEncoder(new WordPieceTokenizer(vocabByLine(vocabBytes(model, unit, option))));
    } else if (unit?.kind === 'regexTokenizer' || (!unit && option?.kind === 'regex')) {
      const pattern = unit?.kind === 'regexTokenizer' ? unit.delimRegexPattern : option?.kind === 'regex' ? option.delimRegexPattern : undefined;
      this.tokenizerKind = 'regex';
      this.encode = this.regexEncoder(new RegexTokenizer(pattern || DEFAULT_DELIM_PATTERN, vocabWithIds(vocabBytes(model, unit, option)), options.lowercase));
    } else {
      throw new TaskError('UNSUPPORTED_MODEL', 'a text classifier needs a tokenizer: in the model metadata, or the tokenizer option (regex or bert, with its vocabulary)');
    }
    this.maxLength = options.maxTextLength ?? 100_000;
    this.heads = model.outputs.map((_, i) => new ClassificationHead(model, i, options));
  }

  /** Releases the model's memory (MediaPipe's close()); the task cannot run afterwards. */
  close(): void {
    this.model.dispose();
  }

  static async load(model: ModelSource, options: TextClassifierOptions = {}): Promise<TextClassifier> {
    return new TextClassifier(await TaskModel.load(model), options);
  }

  static async createFromOptions(options: TextClassifierOptions & WithBaseOptions): Promise<TextClassifier> {
    return new TextClassifier(await loadFromBaseOptions(options.baseOptions), options);
  }

  static fromTaskModel(model: TaskModel, options: TextClassifierOptions = {}): TextClassifier {
    return new TextClassifier(model, options);
  }

  classify(text: string, filter: CategoryFilter = {}): ClassificationResult {
    if (typeof text !== 'string' || text.trim() === '') throw new TaskError('INVALID_INPUT', 'the text to classify is empty');
    if (text.length > this.maxLength) throw new TaskError('INVALID_INPUT', `the text has ${text.length} characters; the limit is ${this.maxLength}`);
    this.model.beginRequest();
    this.encode(text);
    this.model.interpreter.invoke();
    const classifications = this.heads.map((h, i) => {
      const d = this.model.outputs[i];
      return h.classify(h.scores(numericTensor(this.model.interpreter, d.index, d.name), d), i, filter);
    });
    return { classifications };
  }

  private regexEncoder(tokenizer: RegexTokenizer): Encoder {
    if (this.model.inputs.length !== 1) throw new TaskError('UNSUPPORTED_MODEL', `a regex-tokenized text model has one input; this one has ${this.model.inputs.length}`);
    const input = sequenceInput(this.model.inputs[0]);
    return (text) => this.model.interpreter.setTensor(input.details.index, fill(input.details, tokenizer.ids(text, input.length)));
  }

  private bertEncoder(tokenizer: WordPieceTokenizer): Encoder {
    const roles = bertInputs(this.model);
    const length = sequenceInput(roles.ids).length;
    return (text) => {
      const { ids, mask, segments } = tokenizer.encode(text, length);
      for (const [details, values] of [[roles.ids, ids], [roles.mask, mask], [roles.segments, segments]] as const) {
        this.model.interpreter.setTensor(details.index, fill(details, values));
      }
    };
  }
}

/** The tokenizer process unit: on the first input tensor (regex, NLClassifier) or the subgraph (BERT). */
function tokenizerUnit(model: TaskModel): ProcessUnit | undefined {
  const isTokenizer = (u: ProcessUnit) => u.kind === 'regexTokenizer' || u.kind === 'bertTokenizer' || u.kind === 'sentencePieceTokenizer';
  return model.inputMetadata(0)?.processUnits?.find(isTokenizer) ?? model.metadata?.subgraphMetadata?.[0]?.inputProcessUnits?.find(isTokenizer);
}

function vocabBytes(model: TaskModel, unit: ProcessUnit | undefined, option: TokenizerOption | undefined): Uint8Array | string {
  if (unit && (unit.kind === 'regexTokenizer' || unit.kind === 'bertTokenizer')) {
    const name = unit.vocabFile[0]?.name;
    const bytes = name === undefined ? undefined : model.files.get(name);
    if (bytes === undefined) throw new TaskError('UNSUPPORTED_MODEL', `the tokenizer's vocabulary file${name ? ` '${name}'` : ''} is not in the model`);
    return bytes;
  }
  const vocab = option?.vocab ?? '';
  if (typeof vocab !== 'string') return vocab;
  try {
    return readFileSync(vocab);
  } catch (err) {
    throw new TaskError('LABELS_UNREADABLE', `cannot read vocabulary file '${vocab}': ${String(err)}`, { cause: err });
  }
}

function sequenceInput(details: TensorDetails): { details: TensorDetails; length: number } {
  const { shape, dtype } = details;
  const ok = (shape.length === 1 || (shape.length === 2 && shape[0] === 1)) && ['int32', 'float32', 'int64'].includes(dtype);
  if (!ok) throw new TaskError('UNSUPPORTED_MODEL', `text input '${details.name}' has shape [${shape}] and dtype ${dtype}; expected [1, N] ids`);
  return { details, length: shape[shape.length - 1] };
}

function fill(details: TensorDetails, values: number[]): TypedArray {
  if (details.dtype === 'int64') return BigInt64Array.from(values, BigInt);
  return details.dtype === 'float32' ? Float32Array.from(values) : Int32Array.from(values);
}

/** BERT's three inputs by name (metadata or tensor), else in the order ids, mask, segment ids. */
function bertInputs(model: TaskModel): { ids: TensorDetails; mask: TensorDetails; segments: TensorDetails } {
  if (model.inputs.length !== 3) throw new TaskError('UNSUPPORTED_MODEL', `a BERT model has three inputs (ids, mask, segment ids); this one has ${model.inputs.length}`);
  const nameOf = (i: number) => (model.inputMetadata(i)?.name ?? model.inputs[i].name).toLowerCase();
  const find = (re: RegExp) => model.inputs.findIndex((_, i) => re.test(nameOf(i)));
  const mask = find(/mask/);
  const segments = find(/segment|type/);
  const ids = model.inputs.findIndex((_, i) => i !== mask && i !== segments);
  const order = mask >= 0 && segments >= 0 && ids >= 0 ? [ids, mask, segments] : [0, 1, 2];
  return { ids: model.inputs[order[0]], mask: model.inputs[order[1]], segments: model.inputs[order[2]] };
}
