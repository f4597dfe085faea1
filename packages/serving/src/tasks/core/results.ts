/**
 * Task results, shaped as MediaPipe Tasks' results (ClassificationResult, DetectionResult, EmbeddingResult,
 * ImageSegmenterResult) so clients written for MediaPipe read them unchanged.
 */

export interface Category {
  /** The class index in the model's output. */
  readonly index: number;
  readonly score: number;
  /** The label from the model's labels ('' when it has none). */
  readonly categoryName: string;
  /** The label in the requested display-names locale ('' when there is none). */
  readonly displayName: string;
}

export interface Classifications {
  readonly categories: Category[];
  /** Which output tensor (head) these come from. */
  readonly headIndex: number;
  readonly headName: string;
}

export interface ClassificationResult {
  readonly classifications: Classifications[];
  /** For audio: where the classified window starts, in milliseconds from the start of the clip. */
  readonly timestampMs?: number;
}

/** In pixels of the original image: the top-left corner and the size. */
export interface BoundingBox {
  readonly originX: number;
  readonly originY: number;
  readonly width: number;
  readonly height: number;
}

export interface Detection {
  readonly boundingBox: BoundingBox;
  readonly categories: Category[];
}

export interface DetectionResult {
  readonly detections: Detection[];
}

export interface Embedding {
  readonly headIndex: number;
  readonly headName: string;
  readonly floatEmbedding: number[];
}

export interface EmbeddingResult {
  readonly embeddings: Embedding[];
}

/** A row-major mask: one value per pixel. */
export interface Mask<T extends Uint8Array | Float32Array> {
  readonly width: number;
  readonly height: number;
  readonly data: T;
}

export interface ImageSegmenterResult {
  /** Per pixel, the index of the most likely category. */
  readonly categoryMask?: Mask<Uint8Array>;
  /** Per category, the probability of each pixel belonging to it. */
  readonly confidenceMasks?: Mask<Float32Array>[];
  /** The category names, by index ('' where the model has none). */
  readonly labels: string[];
}
