/**
 * Score calibration from metadata (ScoreCalibrationOptions + a TENSOR_AXIS_SCORE_CALIBRATION file): per
 * class, f(x) = scale / (1 + e^-(slope·g(x) + offset)) when x > min_score (or no min_score is given), else the
 * default score; g is the identity, log, or inverse logistic. A line of the file may be empty: that class
 * then always gets the default score.
 */
import { findAssociatedFile, parseLabelFile, type ScoreTransformation, type TensorMetadata } from '@tflite-lambda/runtime/metadata';
import { TaskError } from '../core/errors.js';

interface SigmoidParams {
  readonly scale: number;
  readonly slope: number;
  readonly offset: number;
  readonly minScore?: number;
}

export interface ScoreCalibration {
  readonly transformation: ScoreTransformation;
  readonly defaultScore: number;
  /** One entry per class; null where the file's line is empty. */
  readonly params: readonly (SigmoidParams | null)[];
}

function parseLine(line: string, n: number): SigmoidParams | null {
  if (line.trim() === '') return null;
  const values = line.split(',').map((v) => Number(v.trim()));
  if ((values.length !== 3 && values.length !== 4) || values.some((v) => !Number.isFinite(v))) {
    throw new TaskError('UNSUPPORTED_MODEL', `score calibration line ${n + 1} needs 3 or 4 numbers, got '${line.slice(0, 60)}'`);
  }
  const [scale, slope, offset, minScore] = values;
  return minScore === undefined ? { scale, slope, offset } : { scale, slope, offset, minScore };
}

/** The calibration the output's metadata asks for, or null. */
export function calibrationOf(tensor: TensorMetadata | undefined, files: ReadonlyMap<string, Uint8Array>, classes: number): ScoreCalibration | null {
  const unit = tensor?.processUnits?.find((u) => u.kind === 'scoreCalibration');
  if (unit === undefined || unit.kind !== 'scoreCalibration') return null;
  const file = findAssociatedFile(tensor, 'TENSOR_AXIS_SCORE_CALIBRATION');
  const bytes = file && files.get(file.name);
  if (!bytes) throw new TaskError('UNSUPPORTED_MODEL', 'score calibration is declared, but its parameters file is missing');
  const params = parseLabelFile(bytes).map(parseLine);
  if (params.length !== classes) {
    throw new TaskError('UNSUPPORTED_MODEL', `score calibration has ${params.length} lines for ${classes} classes`);
  }
  return { transformation: unit.scoreTransformation, defaultScore: unit.defaultScore, params };
}

function transform(x: number, t: ScoreTransformation): number {
  if (t === 'LOG') return Math.log(x);
  if (t === 'INVERSE_LOGISTIC') return Math.log(x) - Math.log(1 - x);
  return x;
}

export function calibrate(scores: Float32Array, c: ScoreCalibration): Float32Array {
  const out = new Float32Array(scores.length);
  for (let i = 0; i < scores.length; i++) {
    const p = c.params[i];
    const x = scores[i];
    if (p === null || (p.minScore !== undefined && x < p.minScore)) {
      out[i] = c.defaultScore;
      continue;
    }
    out[i] = p.scale / (1 + Math.exp(-(p.slope * transform(x, c.transformation) + p.offset)));
  }
  return out;
}
