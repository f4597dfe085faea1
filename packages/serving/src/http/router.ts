/**
 * The routes of the HTTP core: each matches a path (captures become params), has a handler per method and
 * says how its errors are shaped — the core's `{"error": {"code", "message"}}`, or the `{"error": "..."}`
 * of the Open Inference Protocol and of TensorFlow Serving, so each protocol's clients read its errors.
 */
import type { ServedModel } from '../models/served_model.js';
import { HttpError } from './errors.js';
import type { HttpRequest, HttpResponse, RequestOutcome } from './types.js';

export type ErrorStyle = 'core' | 'protocol';

/** The models a request can reach: by name, and the default one (the only one, or the first). */
export class ModelCatalog {
  private readonly byName: ReadonlyMap<string, ServedModel>;

  constructor(readonly models: readonly ServedModel[]) {
    const byName = new Map<string, ServedModel>();
    for (const m of models) {
      if (byName.has(m.name)) throw new TypeError(`two models are named '${m.name}'`);
      byName.set(m.name, m);
    }
    this.byName = byName;
  }

  get default(): ServedModel | null {
    return this.models[0] ?? null;
  }

  /** The model `name` (and `version`, when given), or a 404 that lists the names there are. */
  require(name: string, version?: string): ServedModel {
    const model = this.byName.get(name);
    if (model === undefined) {
      const names = this.models.map((m) => m.name).join(', ') || 'none';
      throw new HttpError('MODEL_NOT_FOUND', `no model named '${name.slice(0, 100)}' (models: ${names})`);
    }
    if (version !== undefined && version !== model.version) {
      throw new HttpError('MODEL_NOT_FOUND', `model '${name}' has no version '${version.slice(0, 20)}' (versions: ${model.version})`);
    }
    return model;
  }
}

export interface RouteContext {
  readonly req: HttpRequest;
  readonly params: readonly (string | undefined)[];
  readonly catalog: ModelCatalog;
}

export interface RouteReply {
  readonly response: HttpResponse;
  /** What to log besides the status (input size, the model, the answer). */
  readonly outcome?: Omit<RequestOutcome, 'status' | 'internalError' | 'errorCode'>;
}

export type RouteHandler = (ctx: RouteContext) => RouteReply;

export interface Route {
  readonly path: string | RegExp;
  readonly get?: RouteHandler;
  readonly post?: RouteHandler;
  readonly errors: ErrorStyle;
}

/** A model name in a path: what checkModelName accepts. */
export const MODEL = '([A-Za-z0-9][A-Za-z0-9._-]{0,127})';

export function matchRoute(route: Route, path: string): (string | undefined)[] | null {
  if (typeof route.path === 'string') return route.path === path ? [] : null;
  const m = route.path.exec(path);
  return m ? m.slice(1) : null;
}

/** Methods a route answers; HEAD wherever GET is. */
export function methodsOf(route: Route): string[] {
  return [...(route.get ? ['GET', 'HEAD'] : []), ...(route.post ? ['POST'] : [])];
}
