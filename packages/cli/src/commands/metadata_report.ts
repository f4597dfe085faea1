/** Readable lines for a model's metadata: what `inspect` and `metadata show` print (`sizes`: associated file sizes by name). */
import type { AssociatedFile, ContentProperties, ModelMetadata, ProcessUnit, TensorMetadata } from '@tflite-lambda/runtime/metadata';

function properties(p: ContentProperties | undefined): string {
  if (p === undefined) return '';
  if (p.kind === 'image') return ` image ${p.colorSpace}${p.defaultSize ? ` ${p.defaultSize.width}×${p.defaultSize.height}` : ''}`;
  if (p.kind === 'audio') return ` audio ${p.sampleRate} Hz × ${p.channels}`;
  if (p.kind === 'boundingBox') return ` boxes ${p.type} ${p.coordinateType}${p.index.length ? ` [${p.index}]` : ''}`;
  return ' feature';
}

function unit(u: ProcessUnit): string {
  switch (u.kind) {
    case 'normalization':
      return `normalization mean [${u.mean}] std [${u.std}]`;
    case 'scoreCalibration':
      return `score calibration ${u.scoreTransformation}, default ${u.defaultScore}`;
    case 'scoreThresholding':
      return `score threshold ${u.globalScoreThreshold}`;
    case 'bertTokenizer':
      return `BERT tokenizer (${u.vocabFile.map((f) => f.name).join(', ')})`;
    case 'sentencePieceTokenizer':
      return `SentencePiece tokenizer (${u.sentencePieceModel.map((f) => f.name).join(', ')})`;
    case 'regexTokenizer':
      return `regex tokenizer /${u.delimRegexPattern}/ (${u.vocabFile.map((f) => f.name).join(', ')})`;
    default:
      return `process unit of type ${u.typeCode}`;
  }
}

function file(f: AssociatedFile, sizes: ReadonlyMap<string, number>): string {
  const size = sizes.get(f.name);
  return `${f.name} (${f.type}${f.locale ? `, ${f.locale}` : ''}${size === undefined ? ', missing' : `, ${size} bytes`})`;
}

function tensorLines(kind: string, i: number, t: TensorMetadata, sizes: ReadonlyMap<string, number>): string[] {
  const lines = [`  ${kind} ${i}: ${t.name ?? ''}${properties(t.content?.properties)}`];
  if (t.description) lines.push(`    ${t.description}`);
  for (const u of t.processUnits ?? []) lines.push(`    ${unit(u)}`);
  for (const f of t.associatedFiles ?? []) lines.push(`    file ${file(f, sizes)}`);
  return lines;
}

export function formatMetadata(m: ModelMetadata, sizes: ReadonlyMap<string, number>): string[] {
  const lines = ['metadata:'];
  for (const key of ['name', 'description', 'version', 'author', 'license'] as const) if (m[key]) lines.push(`  ${key}: ${m[key]}`);
  lines.push(`  min parser version: ${m.minParserVersion ?? '?'}`);
  const sg = m.subgraphMetadata?.[0];
  (sg?.inputTensorMetadata ?? []).forEach((t, i) => { lines.push(...tensorLines('input', i, t, sizes)); });
  (sg?.outputTensorMetadata ?? []).forEach((t, i) => { lines.push(...tensorLines('output', i, t, sizes)); });
  for (const u of [...(sg?.inputProcessUnits ?? []), ...(sg?.outputProcessUnits ?? [])]) lines.push(`  ${unit(u)}`);
  for (const f of [...(m.associatedFiles ?? []), ...(sg?.associatedFiles ?? [])]) lines.push(`  file ${file(f, sizes)}`);
  return lines;
}
