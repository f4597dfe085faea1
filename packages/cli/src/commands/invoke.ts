/**
 * `tflite-lambda invoke --event <file.json>`: what `sam local invoke` does — runs the Lambda handler once on an
 * event file and prints the handler's response JSON on stdout (log lines go to stderr).
 */
import { readFile } from 'node:fs/promises';
import type { LambdaHttpEvent, RequestObserver, RequestRecord } from '@tflite-lambda/serving';
import { parseArgs, stringFlag } from '../args.js';
import { CommandError, UsageError } from '../command.js';
import { resolveHandler, type HandlerChoice } from './serve.js';

export const summary = 'Run the Lambda handler on an event file and print the response JSON';
export const usage = `Usage: tflite-lambda invoke --event <event.json> [--model <model.tflite> | --model-dir <dir> | --handler <module>]
                            [--labels <file>]

Accepts API Gateway REST (v1), HTTP API (2.0), Function URL and ALB events, e.g. examples/mnist/events/*.json.
With neither --model nor --handler it runs the example app's handler (examples/mnist/src/handler.ts).
  --event    the event JSON file (required)
  --model    run this .tflite model with the default handler options
  --model-dir  run the handler over every <name>.tflite in the folder (as serve --model-dir)
  --handler  a module exporting \`handler\`
  --labels   a file with one class label per line`;

/** One JSON log line per request on stderr, so stdout holds only the response. */
const stderrObserver: RequestObserver = {
  record(entry: RequestRecord) {
    const { internalError, ...fields } = entry;
    const error = internalError instanceof Error ? internalError.stack : internalError;
    process.stderr.write(`${JSON.stringify(error === undefined ? fields : { ...fields, error })}\n`);
  },
};

export async function invokeEvent(event: LambdaHttpEvent, choice: HandlerChoice): Promise<unknown> {
  const handler = await resolveHandler({ observer: stderrObserver, ...choice });
  return handler(event, { awsRequestId: 'local-invoke', functionName: 'local' });
}

export async function main(args: string[]): Promise<number> {
  const p = parseArgs(args, { values: ['event', 'model', 'model-dir', 'handler', 'labels'] });
  const eventFile = stringFlag(p, 'event') ?? p.positional[0];
  if (!eventFile) throw new UsageError('--event <file.json> is required');
  let event: LambdaHttpEvent;
  try {
    event = JSON.parse(await readFile(eventFile, 'utf8')) as LambdaHttpEvent;
  } catch (err) {
    throw new UsageError(`cannot read event ${eventFile}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const { isLambdaHttpEvent } = await import('@tflite-lambda/serving');
  if (!isLambdaHttpEvent(event)) {
    throw new CommandError(`${eventFile}: not an API Gateway (REST v1 or HTTP API 2.0), Function URL or ALB event`);
  }
  // Handler modules log through Powertools on stdout; keep stdout for the response (as sam local invoke does).
  if (p.flags.has('model') === false && p.flags.has('model-dir') === false) process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  const result = await invokeEvent(event, {
    model: stringFlag(p, 'model'),
    modelDir: stringFlag(p, 'model-dir'),
    handler: stringFlag(p, 'handler'),
    labels: stringFlag(p, 'labels'),
  });
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  return 0;
}
