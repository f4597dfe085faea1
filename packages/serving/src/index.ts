/**
 * @tflite-lambda/serving — tasks over .tflite models (image classification, object detection, segmentation,
 * embeddings, audio and text classification) served over HTTP, the inference protocols and AWS Lambda.
 */
export * from '@tflite-lambda/vision';
export * from './tasks/index.js';
export * from './models/index.js';
export * from './http/index.js';
export * from './adapters/aws-lambda/index.js';
export * from './adapters/dev-server/index.js';
export { pageHtml } from './page/page.js';
