/**
 * Per-request observability at the edge: one structured JSON log line per request (Powertools Logger) and
 * an EMF latency metric (Powertools Metrics). The handler reports to a RequestObserver, so tests and the
 * local server can swap in their own.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, Metrics } from '@aws-lambda-powertools/metrics';

export interface RequestRecord {
  readonly requestId: string;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly latencyMs: number;
  readonly inputBytes: number;
  readonly value?: number;
  readonly score?: number;
  readonly errorCode?: string;
  /** Present for 500s only: the thrown value, logged with its stack. */
  readonly internalError?: unknown;
}

export interface RequestObserver {
  record(entry: RequestRecord): void;
}

export interface PowertoolsObserverOptions {
  readonly serviceName?: string;
  /** CloudWatch metrics namespace (default 'tflite-lambda'). */
  readonly namespace?: string;
}

export function powertoolsObserver(options: PowertoolsObserverOptions = {}): RequestObserver {
  const serviceName = options.serviceName ?? 'tflite-lambda';
  const logger = new Logger({ serviceName });
  const metrics = new Metrics({ serviceName, namespace: options.namespace ?? 'tflite-lambda' });
  return {
    record(entry) {
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
export function memoryObserver(): RequestObserver & { readonly records: RequestRecord[] } {
  const records: RequestRecord[] = [];
  return { records, record: (entry) => void records.push(entry) };
}

function asError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}
