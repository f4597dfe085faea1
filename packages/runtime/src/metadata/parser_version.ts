/**
 * The minimum metadata parser version a metadata object needs: the newest schema member it uses, as TFLite
 * Support's MetadataPopulator records it in `min_parser_version` (metadata_version.cc): 1.0.0 by default,
 * 1.0.1 VOCABULARY files, 1.1.0 subgraph process units and BERT/SentencePiece tokenizers, 1.2.0 tensor
 * groups, 1.2.1 regex tokenizers, 1.3.0 audio properties, 1.4.0 SCANN index files, 1.4.1 associated-file
 * versions, 1.5.0 custom metadata.
 */
import type { AssociatedFile, ModelMetadata, ProcessUnit, SubGraphMetadata, TensorMetadata } from './types.js';

type Version = readonly [number, number, number];

function later(a: Version, b: Version): Version {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] > b[i] ? a : b;
  return a;
}

function ofFiles(files: readonly AssociatedFile[] | undefined): Version {
  let v: Version = [1, 0, 0];
  for (const f of files ?? []) {
    if (f.type === 'VOCABULARY') v = later(v, [1, 0, 1]);
    if (f.type === 'SCANN_INDEX_FILE') v = later(v, [1, 4, 0]);
    if (f.version !== undefined) v = later(v, [1, 4, 1]);
  }
  return v;
}

function ofUnits(units: readonly ProcessUnit[] | undefined): Version {
  let v: Version = [1, 0, 0];
  for (const u of units ?? []) {
    if (u.kind === 'bertTokenizer' || u.kind === 'sentencePieceTokenizer') v = later(v, [1, 1, 0]);
    if (u.kind === 'regexTokenizer') v = later(v, [1, 2, 1]);
  }
  return v;
}

function ofTensor(t: TensorMetadata): Version {
  let v = later(ofFiles(t.associatedFiles), ofUnits(t.processUnits));
  if (t.content?.properties?.kind === 'audio') v = later(v, [1, 3, 0]);
  return v;
}

function ofSubgraph(s: SubGraphMetadata): Version {
  let v = ofFiles(s.associatedFiles);
  for (const t of [...(s.inputTensorMetadata ?? []), ...(s.outputTensorMetadata ?? [])]) v = later(v, ofTensor(t));
  if (s.inputProcessUnits !== undefined || s.outputProcessUnits !== undefined) v = later(v, [1, 1, 0]);
  v = later(v, later(ofUnits(s.inputProcessUnits), ofUnits(s.outputProcessUnits)));
  if (s.inputTensorGroups !== undefined || s.outputTensorGroups !== undefined) v = later(v, [1, 2, 0]);
  if (s.customMetadata !== undefined) v = later(v, [1, 5, 0]);
  return v;
}

export function minParserVersion(metadata: ModelMetadata): string {
  let v = ofFiles(metadata.associatedFiles);
  for (const s of metadata.subgraphMetadata ?? []) v = later(v, ofSubgraph(s));
  return v.join('.');
}
