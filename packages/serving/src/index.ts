/** @tflite-lambda/serving — classify images with a .tflite model and serve them over HTTP and AWS Lambda. */
export * from '@tflite-lambda/vision';
export * from './classifier/index.js';
export * from './http/index.js';
export * from './adapters/aws-lambda/index.js';
export * from './adapters/dev-server/index.js';
export { pageHtml } from './page/page.js';
