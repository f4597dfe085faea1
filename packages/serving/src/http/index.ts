/** The runtime-agnostic HTTP core. */
export { createApp, DEFAULT_MAX_BODY_BYTES, type App, type AppOptions } from './app.js';
export { HttpError, statusOf, type HttpErrorCode } from './errors.js';
export { parseMultipart, boundaryOf, type FormPart } from './multipart.js';
export type { HttpRequest, HttpResponse, ImageModel, Prediction, RequestOutcome, HandledRequest } from './types.js';
