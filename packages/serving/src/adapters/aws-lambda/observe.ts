/**
 * Per-request observability at the edge: one structured JSON log line per request (Powertools Logger), with
 * the Lambda context Powertools adds (cold_start, function_name, function_request_id, function_arn,
 * function_memory_size), an EMF latency metric and, on a cold start, Powertools' ColdStart metric. The
 * handler reports to a RequestObserver, so tests and the local server can swap in their own.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, Metrics } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import type { LambdaContextLike } from './types.js';

export interface RequestRecord {
  readonly requestId: string;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly latencyMs: number;
  readonly inputBytes: number;
  /** The model that answered, on model routes. */
  readonly model?: string;
  readonly value?: number;
  readonly score?: number;
  readonly errorCode?: string;
  /** Present for 500s only: the thrown value, logged with its stack. */
  readonly internalError?: unknown;
}

export interface RequestObserver {
  /** `context` is the invocation's Lambda context (absent when the caller has none). */
  record(entry: RequestRecord, context?: LambdaContextLike): void;
}

export interface PowertoolsObserverOptions {
  readonly serviceName?: string;
  /** CloudWatch metrics namespace (default 'tflite-lambda'). */
  readonly namespace?: string;
  /** Instances to use instead of new ones (tests; an app that shares its own). */
  readonly logger?: Logger;
  readonly metrics?: Metrics;
}

export function powertoolsObserver(options: PowertoolsObserverOptions = {}): RequestObserver {
  const serviceName = options.serviceName ?? 'tflite-lambda';
  const logger = options.logger ?? new Logger({ serviceName });
  const metrics = options.metrics ?? new Metrics({ serviceName, namespace: options.namespace ?? 'tflite-lambda' });
  let invoked = false;
  return {
    record(entry, context) {
      // addContext sets cold_start (true on the first invocation of this container) and the function fields.
      if (context) logger.addContext(context as Context);
      if (!invoked) {
        invoked = true;
        metrics.captureColdStartMetric(context?.functionName);
      }
      const { internalError, ...fields } = entry;
      const latencyMs = Math.round(entry.latencyMs * 1000) / 1000;
      if (internalError !== undefined) {
        logger.error('request failed with an internal error', { ...fields, latencyMs, error: asError(internalError) });
      } else {
        logger.info('request', { ...fields, latencyMs });
      }
      metrics.addMetric('latency', MetricUnit.Milliseconds, latencyMs);
      metrics.publishStoredMetrics();
    },
  };
}

/** A observer that keeps records in memory, for tests. */
export function memoryObserver(): RequestObserver & { readonly records: RequestRecord[]; readonly contexts: (LambdaContextLike | undefined)[] } {
  const records: RequestRecord[] = [];
  const contexts: (LambdaContextLike | undefined)[] = [];
  return {
    records,
    contexts,
    record: (entry, context) => {
      records.push(entry);
      contexts.push(context);
    },
  };
}

function asError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}
