/**
 * `tflite-lambda serve`: the local API. Like `sam local start-api`, each HTTP request becomes an API Gateway
 * REST proxy event for the same handler the Lambda runs, and its response goes back over HTTP.
 */
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createDevServer, createHandler, listen, type LambdaHttpHandler, type RequestObserver } from '@tflite-lambda/serving';
import { intFlag, parseArgs, stringFlag } from '../args.js';
import { UsageError } from '../command.js';
import { asCommandErrors } from './task_errors.js';

export const summary = 'Serve a model as the Lambda API on a local HTTP server (with the draw-a-digit page)';
export const usage = `Usage: tflite-lambda serve [--model <model.tflite> | --model-dir <dir> | --handler <module>] [--port 3000]
                           [--host 127.0.0.1] [--labels <file>] [--quiet]

Runs a Lambda handler behind a local HTTP server that builds API Gateway REST proxy events (binary bodies
base64-encoded) exactly as the deployed API does. GET / is the draw-a-digit page; POST / classifies an image.
With neither --model nor --handler it serves the example app (examples/mnist/src/handler.ts) on its model.
  --model    serve this .tflite model with the default handler options
  --model-dir  serve every <name>.tflite in the folder as /models/<name>/… (a <name>.json beside it sets its task)
  --handler  a module exporting \`handler\` (as SAM's Handler), e.g. your app's handler.ts/.js
  --port     port to listen on (default 3000; 0 picks a free one)
  --host     interface to bind (default 127.0.0.1)
  --labels   a file with one class label per line
  --quiet    no per-request log lines and metrics`;

const EXAMPLE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'examples', 'mnist');

/** The example app's model, found from this file (src/commands or dist/commands of the CLI package). */
export function defaultModelPath(): string {
  return join(EXAMPLE_DIR, 'model.tflite');
}

/** The example app's handler module, in the same form (TypeScript source or compiled) as this CLI runs. */
export function defaultHandlerModule(): string {
  return import.meta.url.endsWith('.ts') ? join(EXAMPLE_DIR, 'src', 'handler.ts') : join(EXAMPLE_DIR, 'dist', 'handler.js');
}

export interface HandlerChoice {
  readonly model?: string;
  readonly modelDir?: string;
  readonly handler?: string;
  readonly labels?: string;
  readonly observer?: RequestObserver;
}

/** A handler built from a model file, or imported from a module exporting `handler` (default: the example's). */
export async function resolveHandler(choice: HandlerChoice): Promise<LambdaHttpHandler> {
  const given = [choice.model, choice.modelDir, choice.handler].filter((c) => c !== undefined).length;
  if (given > 1) throw new UsageError('give one of --model, --model-dir or --handler, not both');
  if (choice.modelDir !== undefined) {
    if (!existsSync(choice.modelDir)) throw new UsageError(`model directory not found: ${resolve(choice.modelDir)}`);
    const modelDir = resolve(choice.modelDir);
    return asCommandErrors(() => createHandler({ modelDir, observer: choice.observer }));
  }
  if (choice.model !== undefined) {
    const model = modelPathOf(choice.model);
    return asCommandErrors(() => createHandler({ model, labels: choice.labels, observer: choice.observer }));
  }
  const file = resolve(choice.handler ?? defaultHandlerModule());
  if (!existsSync(file)) throw new UsageError(`handler module not found: ${file}`);
  if (choice.handler === undefined && !existsSync(defaultModelPath())) modelPathOf(undefined); // say which file is missing
  const mod = (await import(pathToFileURL(file).href)) as { handler?: unknown };
  if (typeof mod.handler !== 'function') throw new UsageError(`${file} does not export a handler function`);
  return mod.handler as LambdaHttpHandler;
}

/** The model path to use: the flag, else the example's; a missing file is a usage error, said plainly. */
export function modelPathOf(flag: string | undefined): string {
  const path = resolve(flag ?? defaultModelPath());
  if (!existsSync(path)) throw new UsageError(`model file not found: ${path}`);
  return path;
}

export interface StartOptions extends HandlerChoice {
  readonly port?: number;
  readonly host?: string;
}

export interface RunningServer {
  readonly server: Server;
  readonly url: string;
  close(): Promise<void>;
}

/** Loads the model, then listens; resolves once the server accepts connections. */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const handler = await resolveHandler(options);
  const server = createDevServer({ handler });
  const host = options.host ?? '127.0.0.1';
  const port = await listen(server, options.port ?? 3000, host);
  return {
    server,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

const silent: RequestObserver = { record: () => undefined };

export async function main(args: string[]): Promise<number> {
  const p = parseArgs(args, { values: ['model', 'model-dir', 'handler', 'port', 'host', 'labels'], booleans: ['quiet'] });
  if (p.positional.length) throw new UsageError(`unexpected argument '${p.positional[0]}'`);
  const port = intFlag(p, 'port', 3000);
  if (port < 0 || port > 65535) throw new UsageError(`--port must be 0..65535, got ${port}`);
  if (p.flags.has('quiet')) {
    // For handler modules, which build their own Powertools logger and metrics from the environment.
    process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
    process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  }
  const running = await startServer({
    model: stringFlag(p, 'model'),
    modelDir: stringFlag(p, 'model-dir'),
    handler: stringFlag(p, 'handler'),
    port,
    host: stringFlag(p, 'host'),
    labels: stringFlag(p, 'labels'),
    observer: p.flags.has('quiet') ? silent : undefined,
  });
  console.error(`tflite-lambda: serving on ${running.url} (Ctrl+C to stop)`);
  await new Promise<void>((done) => {
    const stop = () => void running.close().then(done);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}

