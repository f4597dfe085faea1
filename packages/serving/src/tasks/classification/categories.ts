/**
 * From per-class scores to the categories a caller asked for, as TFLite Support's classification
 * post-processor does: an allow list or a deny list of category names, a score threshold, then the best
 * `maxResults` by score (ties keep the lower index first).
 */
import { TaskError } from '../core/errors.js';
import type { Category } from '../core/results.js';
import type { HeadLabels } from './labels.js';

export interface CategoryFilter {
  /** How many categories to return, best first (unset or -1: all that pass the other filters). */
  readonly maxResults?: number;
  /** Drop categories scoring below this. */
  readonly scoreThreshold?: number;
  /** Keep only these category names (needs labels; exclusive with the deny list). */
  readonly categoryAllowlist?: readonly string[];
  /** Drop these category names. */
  readonly categoryDenylist?: readonly string[];
}

/** Validates a filter (once, when options are given), so bad options are refused before any inference. */
export function checkFilter(filter: CategoryFilter, labels: HeadLabels): void {
  const { maxResults, scoreThreshold, categoryAllowlist, categoryDenylist } = filter;
  if (maxResults !== undefined && maxResults !== -1 && (!Number.isInteger(maxResults) || maxResults < 1)) {
    throw new TaskError('BAD_OPTIONS', `maxResults must be a positive integer or -1, got ${maxResults}`);
  }
  if (scoreThreshold !== undefined && !Number.isFinite(scoreThreshold)) {
    throw new TaskError('BAD_OPTIONS', `scoreThreshold must be a number, got ${scoreThreshold}`);
  }
  if (categoryAllowlist?.length && categoryDenylist?.length) {
    throw new TaskError('BAD_OPTIONS', 'categoryAllowlist and categoryDenylist are mutually exclusive');
  }
  if ((categoryAllowlist?.length || categoryDenylist?.length) && labels.names === null) {
    throw new TaskError('BAD_OPTIONS', 'category allow and deny lists need labels, and this model has none');
  }
}

export function categoryOf(index: number, score: number, labels: HeadLabels): Category {
  return {
    index,
    score,
    categoryName: labels.names?.[index] ?? '',
    displayName: labels.displayNames?.[index] ?? '',
  };
}

export function selectCategories(scores: ArrayLike<number>, labels: HeadLabels, filter: CategoryFilter): Category[] {
  const allow = filter.categoryAllowlist?.length ? new Set(filter.categoryAllowlist) : null;
  const deny = filter.categoryDenylist?.length ? new Set(filter.categoryDenylist) : null;
  const threshold = filter.scoreThreshold ?? -Infinity;
  const kept: number[] = [];
  for (let i = 0; i < scores.length; i++) {
    const name = labels.names?.[i] ?? '';
    if ((allow && !allow.has(name)) || deny?.has(name) || !(scores[i] >= threshold)) continue;
    kept.push(i);
  }
  kept.sort((a, b) => scores[b] - scores[a] || a - b);
  const max = filter.maxResults === undefined || filter.maxResults === -1 ? kept.length : filter.maxResults;
  return kept.slice(0, max).map((i) => categoryOf(i, scores[i], labels));
}

/** The filter's fields that are set, so spreading it over defaults does not erase them with undefined. */
export function definedFilter(f: CategoryFilter): CategoryFilter {
  const { maxResults, scoreThreshold, categoryAllowlist, categoryDenylist } = f;
  return Object.fromEntries(
    Object.entries({ maxResults, scoreThreshold, categoryAllowlist, categoryDenylist }).filter(([, v]) => v !== undefined),
  );
}
