/** A stand-in model for tests of the HTTP edges: no kernels, answers derived from the bytes. Not exported. */
import type { ClassificationResult, ServedModel } from '@tflite-lambda/serving';

export interface FakeModel extends ServedModel {
  readonly seen: Uint8Array[];
}

/**
 * An image classifier named `name` that remembers what it saw: the best class is the image's byte length
 * mod 10, scores fall by rank (10/55, 9/55, ...), and its labels are 'digit-<n>' when `labelled`.
 */
export function fakeModel(fail?: Error, options: { name?: string; labelled?: boolean } = {}): FakeModel {
  const seen: Uint8Array[] = [];
  const result = (image: Uint8Array, maxResults = 10): ClassificationResult => ({
    classifications: [
      {
        headIndex: 0,
        headName: 'probabilities',
        categories: Array.from({ length: Math.min(10, maxResults) }, (_, i) => {
          const index = (image.length + i) % 10;
          return { index, score: (10 - i) / 55, categoryName: options.labelled ? `digit-${index}` : '', displayName: '' };
        }),
      },
    ],
  });
  return {
    name: options.name ?? 'fake',
    version: '1',
    seen,
    tensors: null,
    task: {
      kind: 'classify',
      numClasses: 10,
      classify(image, filter) {
        if (fail) throw fail;
        seen.push(image);
        return result(image, filter?.maxResults);
      },
    },
  };
}
