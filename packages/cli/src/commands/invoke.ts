/**
 * `tflite-lambda invoke --event <file.json>`: what `sam local invoke` does — runs the Lambda handler once on an
 * event file and prints the handler's response JSON on stdout (log lines go to stderr).
 */
import { readFile } from 'node:fs/promises';
import { isLambdaHttpEvent, type LambdaHttpEvent, type RequestObserver, type RequestRecord } from '@tflite-lambda/serving';
import { parseArgs, stringFlag } from '../args.js';
import { CommandError, UsageError } from '../command.js';
import { demoFile, SAMPLE_EVENTS } from '../package_files.js';
import { invertFlag, resolveHandler, type HandlerChoice } from './serve.js';

export const summary = 'Run the Lambda handler on an event file and print the response JSON';
export const usage = `Usage: tflite-lambda invoke (--event <event.json> | <event.json> | --sample <name>)
                            [--model <model.tflite> [--labels <file>] [--invert auto|true|false] | --model-dir <dir>
                            | --handler <module>]

Accepts API Gateway REST (v1), HTTP API (2.0), Function URL and ALB events. With neither --model nor
--handler it runs the demo app (the MNIST model shipped with this package).
  --event    the event JSON file
  --sample   one of the demo's sample events, each POSTing a digit: ${SAMPLE_EVENTS.join(', ')}
  --model    run this .tflite model with the built-in handler (the one \`bundle\` ships)
  --labels   a file with one class label per line
  --invert   invert gray levels: auto, true or false (default)
  --model-dir  run the handler over every <name>.tflite in the folder (as serve --model-dir)
  --handler  your module exporting \`handler\`: .js/.mjs, or .ts compiled with esbuild`;

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

function eventFileOf(event: string | undefined, sample: string | undefined): string {
  if (event !== undefined && sample !== undefined) throw new UsageError('give --event or --sample, not both');
  if (sample !== undefined) {
    if (!(SAMPLE_EVENTS as readonly string[]).includes(sample)) {
      throw new UsageError(`--sample must be one of ${SAMPLE_EVENTS.join(', ')}, got '${sample}'`);
    }
    return demoFile('events', `${sample}.json`);
  }
  if (event === undefined) throw new UsageError('--event <file.json> or --sample <name> is required');
  return event;
}

/** The event in a file: unreadable, malformed or non-HTTP events are one-line errors naming the file. */
export async function readEvent(file: string): Promise<LambdaHttpEvent> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new CommandError(`cannot read event file ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  let event: unknown;
  try {
    event = JSON.parse(text);
  } catch (err) {
    throw new CommandError(`${file}: not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  if (!isLambdaHttpEvent(event)) {
    throw new CommandError(`${file}: not an API Gateway (REST v1 or HTTP API 2.0), Function URL or ALB event`);
  }
  return event;
}

export async function main(args: string[]): Promise<number> {
  const p = parseArgs(args, { values: ['event', 'sample', 'model', 'model-dir', 'handler', 'labels', 'invert'] });
  if (p.positional.length > (p.flags.has('event') ? 0 : 1)) throw new UsageError(`unexpected argument '${p.positional.at(-1)}'`);
  const event = await readEvent(eventFileOf(stringFlag(p, 'event') ?? p.positional[0], stringFlag(p, 'sample')));
  // Handler modules log through Powertools on stdout; keep stdout for the response (as sam local invoke does).
  if (p.flags.has('handler')) process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  const result = await invokeEvent(event, {
    model: stringFlag(p, 'model'),
    modelDir: stringFlag(p, 'model-dir'),
    handler: stringFlag(p, 'handler'),
    labels: stringFlag(p, 'labels'),
    invert: invertFlag(p),
  });
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  return 0;
}
