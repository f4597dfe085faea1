/**
 * `tflite-lambda serve`: the local API. Like `sam local start-api`, each HTTP request becomes an API Gateway
 * REST proxy event for the same handler the Lambda runs, and its response goes back over HTTP.
 */
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { resolve } from 'node:path';
import { TfliteError } from '@tflite-lambda/runtime';
import { ClassifierError, createDevServer, createHandler, listen, type LambdaHttpHandler, type RequestObserver } from '@tflite-lambda/serving';
import { intFlag, parseArgs, stringFlag, type ParsedArgs } from '../args.js';
import { CommandError, UsageError } from '../command.js';
import { createDefaultHandler, parseInvert, type HandlerSettings, type InvertSetting } from '../handler.js';
import { importHandler } from '../handler_module.js';
import { demoFile } from '../package_files.js';
import { asCommandErrors } from './task_errors.js';

export const summary = 'Serve a model as the Lambda API on a local HTTP server (with the draw-a-digit page)';
export const usage = `Usage: tflite-lambda serve [--model <model.tflite> [--labels <file>] [--invert auto|true|false] | --model-dir <dir>
                           | --handler <module>] [--port 3000] [--host 127.0.0.1] [--quiet]

Runs a Lambda handler behind a local HTTP server that builds API Gateway REST proxy events (binary bodies
base64-encoded) exactly as the deployed API does. GET / is the draw-a-digit page; POST / classifies an image.
With neither --model nor --handler it serves the demo app: the MNIST model shipped with this package.
  --model    serve this .tflite model with the built-in handler (the one \`bundle\` ships)
  --labels   a file with one class label per line
  --invert   invert gray levels: auto (when dark on light, as for MNIST), true or false (default)
  --model-dir  serve every <name>.tflite in the folder as /models/<name>/… (a <name>.json beside it sets its task)
  --handler  your module exporting \`handler\` (as SAM's Handler): .js/.mjs, or .ts compiled with esbuild
  --port     port to listen on (default 3000; 0 picks a free one)
  --host     interface to bind (default 127.0.0.1)
  --quiet    no per-request log lines and metrics`;

/** The demo app: the MNIST model shipped in this package, inverted when dark on light as the example app does. */
export function demoSettings(): HandlerSettings & { readonly model: string } {
  return { model: demoFile('model.tflite'), invert: 'auto', serviceName: 'mnist' };
}

/** The absolute path of a file the user named; a missing one is a one-line error naming it. */
export function existingFile(path: string, what: string): string {
  const file = resolve(path);
  if (!existsSync(file)) throw new CommandError(`${what} file not found: ${file}`);
  return file;
}

export interface HandlerChoice {
  readonly model?: string;
  readonly modelDir?: string;
  readonly handler?: string;
  readonly labels?: string;
  readonly invert?: InvertSetting;
  readonly observer?: RequestObserver;
}

/** The built-in handler on --model (default: the demo's), or the `handler` a module exports. */
export async function resolveHandler(choice: HandlerChoice): Promise<LambdaHttpHandler> {
  if (choice.modelDir !== undefined) {
    if (choice.model !== undefined || choice.handler !== undefined) throw new UsageError('give --model-dir, --model or --handler, not two of them');
    if (choice.labels !== undefined || choice.invert !== undefined) throw new UsageError('--labels and --invert configure --model; in a model folder, a <name>.json does');
    const modelDir = resolve(choice.modelDir);
    if (!existsSync(modelDir)) throw new CommandError(`model directory not found: ${modelDir}`);
    return asCommandErrors(() => createHandler({ modelDir, observer: choice.observer }));
  }
  if (choice.handler !== undefined) {
    if (choice.model !== undefined) throw new UsageError('give --model or --handler, not both');
    if (choice.labels !== undefined || choice.invert !== undefined) {
      throw new UsageError('--labels and --invert configure the built-in handler; a --handler module configures itself');
    }
    return importHandler(choice.handler);
  }
  const base = choice.model === undefined ? demoSettings() : { model: choice.model };
  const settings: HandlerSettings = {
    ...base,
    model: existingFile(base.model, 'model'),
    ...(choice.labels === undefined ? {} : { labels: existingFile(choice.labels, 'labels') }),
    ...(choice.invert === undefined ? {} : { invert: choice.invert }),
  };
  try {
    return await createDefaultHandler(settings, choice.observer);
  } catch (err) {
    if (err instanceof TfliteError || err instanceof ClassifierError) throw new CommandError(`cannot serve ${settings.model}: ${err.message}`);
    throw err;
  }
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

function listenFailure(err: unknown, host: string, port: number): CommandError {
  const code = (err as { code?: unknown }).code;
  if (code === 'EADDRINUSE') {
    return new CommandError(`port ${port} on ${host} is already in use (another server running?); choose another with --port`);
  }
  if (code === 'EACCES') return new CommandError(`no permission to listen on port ${port}; choose one above 1023 with --port`);
  return new CommandError(`cannot listen on ${host}:${port}: ${err instanceof Error ? err.message : String(err)}`);
}

/** Loads the model, then listens; resolves once the server accepts connections. */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const handler = await resolveHandler(options);
  const server = createDevServer({ handler });
  const host = options.host ?? '127.0.0.1';
  let port: number;
  try {
    port = await listen(server, options.port ?? 3000, host);
  } catch (err) {
    throw listenFailure(err, host, options.port ?? 3000);
  }
  return {
    server,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

/** --invert as a setting (undefined when absent). */
export function invertFlag(p: ParsedArgs): InvertSetting | undefined {
  const text = stringFlag(p, 'invert');
  if (text === undefined) return undefined;
  const invert = parseInvert(text);
  if (invert === null) throw new UsageError(`--invert must be auto, true or false, got '${text}'`);
  return invert;
}

const silent: RequestObserver = { record: () => undefined };

export async function main(args: string[]): Promise<number> {
  const p = parseArgs(args, { values: ['model', 'model-dir', 'handler', 'port', 'host', 'labels', 'invert'], booleans: ['quiet'] });
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
    labels: stringFlag(p, 'labels'),
    invert: invertFlag(p),
    port,
    host: stringFlag(p, 'host'),
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
