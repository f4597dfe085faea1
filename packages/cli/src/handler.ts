/**
 * The built-in Lambda handler: an image classifier on one .tflite model. `tflite-lambda bundle` ships it when
 * no --entry is given (with the flags' settings baked in), and serve/invoke run it for --model. It imports
 * nothing but serving, so a Lambda bundle of it holds serving code only.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHandler, type LambdaHttpHandler, type RequestObserver } from '@tflite-lambda/serving';

export type InvertSetting = boolean | 'auto';

export interface HandlerSettings {
  /** The model; a relative path is taken from this module's folder (the zip's root once deployed). */
  readonly model?: string;
  /** A file with one class label per line (same rule for relative paths). */
  readonly labels?: string;
  /** Invert gray levels: true, false or 'auto' (when dark on light); unset, 'auto' for 28×28 gray models only. */
  readonly invert?: InvertSetting;
  readonly maxBodyBytes?: number;
  readonly maxPixels?: number;
  readonly serviceName?: string;
}

export const DEFAULT_MODEL_FILE = 'model.tflite';

/** 'auto', 'true' or 'false' (a flag or an environment value) as an invert setting; anything else is null. */
export function parseInvert(text: string): InvertSetting | null {
  if (text === 'auto') return 'auto';
  if (text === 'true') return true;
  if (text === 'false') return false;
  return null;
}

function positiveInt(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got '${raw}'`);
  return n;
}

/**
 * The settings the environment gives (only those it sets): MODEL_PATH, LABELS_PATH, INVERT, MAX_BODY_BYTES,
 * MAX_PIXELS, POWERTOOLS_SERVICE_NAME. The edge of the app, so the one place that reads the environment.
 */
export function settingsFromEnv(env: NodeJS.ProcessEnv): HandlerSettings {
  const invertText = env.INVERT;
  const invert = invertText ? parseInvert(invertText) : undefined;
  if (invert === null) throw new Error(`INVERT must be auto, true or false, got '${invertText}'`);
  const entries = {
    model: env.MODEL_PATH || undefined,
    labels: env.LABELS_PATH || undefined,
    invert,
    maxBodyBytes: positiveInt(env, 'MAX_BODY_BYTES'),
    maxPixels: positiveInt(env, 'MAX_PIXELS'),
    serviceName: env.POWERTOOLS_SERVICE_NAME || undefined,
  };
  return Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined)) as HandlerSettings;
}

/** Loads the model (once: call it at module init) and returns the Lambda handler. */
export function createDefaultHandler(settings: HandlerSettings, observer?: RequestObserver): Promise<LambdaHttpHandler> {
  const here = dirname(fileURLToPath(import.meta.url));
  return createHandler({
    model: resolve(here, settings.model ?? DEFAULT_MODEL_FILE),
    labels: settings.labels === undefined ? undefined : resolve(here, settings.labels),
    // Unset, the task decides: 28×28 gray models (the MNIST family) invert dark-on-light images, others do not.
    ...(settings.invert === undefined ? {} : { classifier: { invert: settings.invert } }),
    maxBodyBytes: settings.maxBodyBytes,
    maxPixels: settings.maxPixels,
    serviceName: settings.serviceName ?? 'tflite-lambda',
    observer,
  });
}

/** What a bundled function runs at init: the settings baked in at bundle time, overridden by the environment. */
export function handlerFromEnvironment(baked: HandlerSettings): Promise<LambdaHttpHandler> {
  return createDefaultHandler({ ...baked, ...settingsFromEnv(process.env) });
}
