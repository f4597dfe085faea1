/** A stand-in ImageModel for tests of the HTTP edges: no kernels, answers derived from the bytes. Not exported. */
import type { ImageModel, Prediction } from '@tflite-lambda/serving';

/** Remembers what it saw; the best class is the image's byte length mod 10, scores fall by rank. */
export function fakeModel(fail?: Error): ImageModel & { seen: Uint8Array[] } {
  const seen: Uint8Array[] = [];
  const rank = (image: Uint8Array): Prediction[] =>
    Array.from({ length: 10 }, (_, i) => ({ value: (image.length + i) % 10, score: (10 - i) / 55 }));
  return {
    seen,
    numClasses: 10,
    classify(image) {
      if (fail) throw fail;
      seen.push(image);
      return rank(image)[0];
    },
    topK(image, k) {
      if (fail) throw fail;
      seen.push(image);
      return rank(image).slice(0, k);
    },
  };
}
