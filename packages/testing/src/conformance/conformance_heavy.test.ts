/**
 * The heavy models of the conformance corpus (mobilenet_v2_int8: ~300 M multiply-adds per case), in a
 * file of their own so that they run beside the light ones.
 */
import { isHeavyCorpusModel } from '../corpus/conformance_corpus.js';
import { defineConformanceTests } from './conformance_suite.js';

defineConformanceTests('conformance corpus, heavy models, against LiteRT reference outputs', isHeavyCorpusModel);
