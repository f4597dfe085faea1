/** Human-readable lines for `predict`'s answers (the JSON form is printed by --json). */
import type { TaskKind } from '@tflite-lambda/serving';

interface Category {
  index: number;
  score: number;
  categoryName: string;
  displayName: string;
}
interface Classifications {
  headIndex: number;
  headName: string;
  categories: Category[];
}

const name = (c: Category) => c.displayName || c.categoryName || `class ${c.index}`;

function classificationLines(classifications: Classifications[], indent = ''): string[] {
  const lines: string[] = [];
  for (const head of classifications) {
    if (classifications.length > 1) lines.push(`${indent}${head.headName || `head ${head.headIndex}`}:`);
    head.categories.forEach((c, i) => { lines.push(`${indent}${String(i + 1).padStart(3)}. ${name(c)} (${c.index})  ${c.score.toFixed(4)}`); });
  }
  return lines;
}

interface Mask {
  width: number;
  height: number;
  data: string;
}

function segmentationLines(answer: { categoryMask?: Mask; labels: string[] }): string[] {
  const mask = answer.categoryMask;
  if (!mask) return ['no category mask'];
  const data = Buffer.from(mask.data, 'base64');
  const counts = new Map<number, number>();
  for (const v of data) counts.set(v, (counts.get(v) ?? 0) + 1);
  const lines = [`category mask ${mask.width}×${mask.height}:`];
  for (const [c, n] of [...counts].sort((a, b) => b[1] - a[1])) {
    lines.push(`  ${(answer.labels[c] || `class ${c}`).padEnd(16)} ${((100 * n) / data.length).toFixed(1)} %`);
  }
  return lines;
}

export function formatPrediction(kind: TaskKind, answer: Record<string, unknown>): string {
  switch (kind) {
    case 'classify':
    case 'text':
      return classificationLines(answer.classifications as Classifications[]).join('\n');
    case 'audio':
      return (answer.results as { timestampMs: number; classifications: Classifications[] }[])
        .flatMap((r) => [`${r.timestampMs.toFixed(0)} ms:`, ...classificationLines(r.classifications, '  ')])
        .join('\n');
    case 'detect': {
      const detections = answer.detections as { boundingBox: { originX: number; originY: number; width: number; height: number }; categories: Category[] }[];
      if (detections.length === 0) return 'no detections';
      return detections
        .map((d) => `${name(d.categories[0]).padEnd(16)} ${d.categories[0].score.toFixed(4)}  x=${d.boundingBox.originX} y=${d.boundingBox.originY} w=${d.boundingBox.width} h=${d.boundingBox.height}`)
        .join('\n');
    }
    case 'segment':
      return segmentationLines(answer as { categoryMask?: Mask; labels: string[] }).join('\n');
    case 'embed':
      return (answer.embeddings as { headIndex: number; headName: string; floatEmbedding: number[] }[])
        .map((e) => `${e.headName || `head ${e.headIndex}`}: ${e.floatEmbedding.length} values [${e.floatEmbedding.slice(0, 8).map((v) => v.toFixed(4)).join(', ')}${e.floatEmbedding.length > 8 ? ', …' : ''}]`)
        .join('\n');
  }
}
