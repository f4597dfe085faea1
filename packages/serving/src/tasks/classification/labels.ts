/**
 * Labels of a classification head: given by the caller (an array, or a file with one label per line), or
 * taken from the model's metadata (the output's TENSOR_AXIS_LABELS file, or TENSOR_VALUE_LABELS for a
 * detector's classes), with display names from the file of the requested locale.
 */
import { readFileSync } from 'node:fs';
import { findAssociatedFile, parseLabelFile, type AssociatedFileType, type TensorMetadata } from '@tflite-lambda/runtime/metadata';
import { TaskError } from '../core/errors.js';

/** Class names: an array, or the path of a file with one label per line. */
export type LabelsOption = readonly string[] | string;

export interface HeadLabels {
  /** Category names by index, or null when neither the caller nor the model gives any. */
  readonly names: readonly string[] | null;
  /** Display names in the requested locale, or null. */
  readonly displayNames: readonly string[] | null;
}

/** Labels from an array or a file (one per line; trailing blank lines and CR characters are ignored). */
export function loadLabels(labels: LabelsOption | undefined): readonly string[] | null {
  if (labels === undefined) return null;
  if (typeof labels !== 'string') return Object.freeze([...labels]);
  let text: string;
  try {
    text = readFileSync(labels, 'utf8');
  } catch (err) {
    throw new TaskError('LABELS_UNREADABLE', `cannot read labels file '${labels}': ${String(err)}`, { cause: err });
  }
  return Object.freeze(parseLabelFile(text));
}

function fromMetadata(
  tensor: TensorMetadata | undefined,
  files: ReadonlyMap<string, Uint8Array>,
  type: AssociatedFileType,
  locale?: string,
): readonly string[] | null {
  const file = findAssociatedFile(tensor, type, locale);
  if (file === null) return null;
  const bytes = files.get(file.name);
  if (bytes === undefined) {
    throw new TaskError('LABELS_UNREADABLE', `the metadata names the labels file '${file.name}', but the model does not carry it`);
  }
  return Object.freeze(parseLabelFile(bytes));
}

export function headLabels(
  option: LabelsOption | undefined,
  tensor: TensorMetadata | undefined,
  files: ReadonlyMap<string, Uint8Array>,
  options: { type?: AssociatedFileType; displayNamesLocale?: string } = {},
): HeadLabels {
  const type = options.type ?? 'TENSOR_AXIS_LABELS';
  const names = loadLabels(option) ?? fromMetadata(tensor, files, type);
  const locale = options.displayNamesLocale;
  const displayNames = locale === undefined ? null : fromMetadata(tensor, files, type, locale);
  return { names, displayNames };
}
