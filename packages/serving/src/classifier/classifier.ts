import { Interpreter, type TensorDetails } from '@tflite-lambda/runtime';
import type { ImageInput } from '@tflite-lambda/vision';
import { ClassifierError } from './errors.js';
import { inputSpecOf, type InputSpec } from './input.js';
import { loadLabels, normalizer, type ClassifierOptions, type PredictOptions } from './options.js';
import { preprocess } from './preprocess.js';
import { classCountOf, classification, scoresFromOutput, topClasses, type Classification } from './scores.js';

/** The part of the Interpreter the classifier uses (a test can hand in any object with these methods). */
export type ClassifierEngine = Pick<
  Interpreter,
  'allocateTensors' | 'getInputDetails' | 'getOutputDetails' | 'setTensor' | 'invoke' | 'getTensor'
>;

/**
 * An image classifier over a .tflite model with one image input and one score output. Everything that
 * can be decided from the model (input layout, dtype, class count, labels) is decided at load time; a call
 * decodes, preprocesses like Pillow, invokes and reads the scores.
 */
export class ImageClassifier {
  readonly labels: readonly string[] | null;
  readonly inputDetails: TensorDetails;
  readonly outputDetails: TensorDetails;
  readonly numClasses: number;
  private readonly spec: InputSpec;

  private constructor(
    private readonly engine: ClassifierEngine,
    private readonly options: ClassifierOptions,
  ) {
    engine.allocateTensors();
    const inputs = engine.getInputDetails();
    const outputs = engine.getOutputDetails();
    if (inputs.length !== 1 || outputs.length < 1) {
      throw new ClassifierError(
        'UNSUPPORTED_MODEL',
        `an image classifier needs one input and at least one output (model has ${inputs.length} and ${outputs.length})`,
      );
    }
    this.inputDetails = inputs[0];
    this.outputDetails = outputs[0];
    this.spec = inputSpecOf(this.inputDetails);
    this.numClasses = classCountOf(this.outputDetails);
    normalizer(options.normalization, this.spec.channels); // validates mean/std now rather than per call
    this.labels = loadLabels(options.labels);
    if (this.labels && this.labels.length !== this.numClasses) {
      throw new ClassifierError('BAD_OPTIONS', `${this.labels.length} labels given for ${this.numClasses} classes`);
    }
  }

  /** Loads a model from a file path or its bytes. */
  static async load(model: string | Uint8Array | ArrayBuffer, options: ClassifierOptions = {}): Promise<ImageClassifier> {
    return new ImageClassifier(await Interpreter.load(model), options);
  }

  /** Wraps an interpreter (or any engine with the same methods) that is already loaded. */
  static fromInterpreter(engine: ClassifierEngine, options: ClassifierOptions = {}): ImageClassifier {
    return new ImageClassifier(engine, options);
  }

  /**
   * Per-class probabilities (softmax of the output when the model does not end in one). `call.deadline`
   * bounds decoding and resizing (IMAGE_DECODE_TIMEOUT past it).
   */
  predict(image: ImageInput, call: PredictOptions = {}): Float32Array {
    this.engine.setTensor(this.spec.index, preprocess(image, this.spec, this.options, call));
    this.engine.invoke();
    return scoresFromOutput(this.engine.getTensor(this.outputDetails.index), this.outputDetails);
  }

  /** The most probable class. */
  classify(image: ImageInput, call: PredictOptions = {}): Classification {
    const scores = this.predict(image, call);
    let best = 0;
    for (let i = 1; i < scores.length; i++) if (scores[i] > scores[best]) best = i;
    return classification(best, scores[best], this.labels);
  }

  /** The k most probable classes, best first (k larger than the class count returns every class). */
  topK(image: ImageInput, k: number, call: PredictOptions = {}): Classification[] {
    return topClasses(this.predict(image, call), k, this.labels);
  }
}
