/**
 * Every model of the shared conformance corpus except the heavy ones (conformance_heavy.test.ts), every
 * case, against LiteRT's reference outputs. Skips with a message when ../shared is absent.
 */
import { isHeavyCorpusModel } from '../corpus/conformance_corpus.js';
import { defineConformanceTests } from './conformance_suite.js';

defineConformanceTests(
  'conformance corpus (../shared/conformance) against LiteRT reference outputs',
  (name) => !isHeavyCorpusModel(name),
);
