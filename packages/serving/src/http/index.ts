/** The runtime-agnostic HTTP core. */
export { createApp, DEFAULT_MAX_BODY_BYTES, SERVER_VERSION, type App, type AppOptions } from './app.js';
export { HttpError, statusOf, type HttpErrorCode } from './errors.js';
export { parseMultipart, boundaryOf, type FormPart } from './multipart.js';
export { openApiDocument } from './routes/openapi.js';
export type { HttpRequest, HttpResponse, Prediction, RequestOutcome, HandledRequest } from './types.js';
