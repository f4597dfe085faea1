/** Classification filters from the query string: maxResults (or top), scoreThreshold, allow and deny lists. */
import type { CategoryFilter } from '../../tasks/index.js';
import { queryInt, queryList, queryNumber } from '../query.js';
import type { HttpRequest } from '../types.js';

export function filterOf(req: HttpRequest): CategoryFilter {
  const filter = {
    maxResults: queryInt(req, 'maxResults') ?? queryInt(req, 'top'),
    scoreThreshold: queryNumber(req, 'scoreThreshold') ?? queryNumber(req, 'threshold'),
    categoryAllowlist: queryList(req, 'allow'),
    categoryDenylist: queryList(req, 'deny'),
  };
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined));
}
