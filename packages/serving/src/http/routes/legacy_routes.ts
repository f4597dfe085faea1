/**
 * The MNIST app's routes, kept as they were: the draw-a-digit page at GET /, a health check, and
 * POST / (or /classify) answering `{"value", "score"}` — plus `label`, and `top` with ?top=K — from the
 * default model when it is an image classifier.
 */
import { pageHtml } from '../../page/page.js';
import type { ImageClassifyTask } from '../../models/served_model.js';
import { HttpError } from '../errors.js';
import { imageOf } from '../image_request.js';
import { queryInt } from '../query.js';
import { htmlResponse, jsonResponse } from '../responses.js';
import type { ModelCatalog, Route, RouteContext, RouteReply } from '../router.js';
import type { Prediction } from '../types.js';

interface ClassifyBody extends Prediction {
  top?: Prediction[];
}

function defaultClassifier(catalog: ModelCatalog): ImageClassifyTask | null {
  const task = catalog.default?.task;
  return task?.kind === 'classify' ? task : null;
}

function classify(ctx: RouteContext): RouteReply {
  const task = defaultClassifier(ctx.catalog);
  if (task === null) throw new HttpError('NOT_FOUND', 'the default model is not an image classifier');
  const top = queryInt(ctx.req, 'top');
  const image = imageOf(ctx.req);
  const k = Math.min(top ?? 1, task.numClasses);
  const result = task.classify(image, { maxResults: k }, { deadline: ctx.req.deadline });
  const ranked: Prediction[] = result.classifications[0].categories.map((c) =>
    c.categoryName === '' ? { value: c.index, score: c.score } : { value: c.index, score: c.score, label: c.categoryName },
  );
  const body: ClassifyBody = top === undefined ? ranked[0] : { ...ranked[0], top: ranked };
  return { response: jsonResponse(200, body), outcome: { inputBytes: image.length, model: ctx.catalog.default?.name, value: body.value, score: body.score } };
}

function health(ctx: RouteContext): RouteReply {
  const task = defaultClassifier(ctx.catalog);
  const models = ctx.catalog.models.map((m) => m.name);
  return { response: jsonResponse(200, task ? { status: 'ok', classes: task.numClasses, models } : { status: 'ok', models }) };
}

/** The page and the value/score route exist only when the default model is an image classifier. */
export function legacyRoutes(catalog: ModelCatalog, page: boolean): Route[] {
  const routes: Route[] = [{ path: '/health', get: health, errors: 'core' }];
  if (defaultClassifier(catalog) === null) return routes;
  const pageHandler = page ? () => ({ response: htmlResponse(pageHtml) }) : undefined;
  routes.push({ path: '/', get: pageHandler, post: classify, errors: 'core' }, { path: '/classify', post: classify, errors: 'core' });
  if (pageHandler) routes.push({ path: '/index.html', get: pageHandler, errors: 'core' });
  return routes;
}
