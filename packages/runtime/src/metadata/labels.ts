/** Label and vocabulary files as TFLite Support reads them. */
import type { AssociatedFile, AssociatedFileType, TensorMetadata } from './types.js';

const utf8 = new TextDecoder('utf-8');

/** One entry per line; CR before LF is dropped, and so are trailing empty lines. */
export function parseLabelFile(bytes: Uint8Array | string): string[] {
  const text = typeof bytes === 'string' ? bytes : utf8.decode(bytes);
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * The first associated file of `type` on a tensor; with a locale, the one of that locale (TFLite Support's
 * FindFirstAssociatedFileName).
 */
export function findAssociatedFile(tensor: TensorMetadata | undefined, type: AssociatedFileType, locale?: string): AssociatedFile | null {
  for (const f of tensor?.associatedFiles ?? []) {
    if (f.type !== type) continue;
    if (locale === undefined || f.locale === locale) return f;
  }
  return null;
}
