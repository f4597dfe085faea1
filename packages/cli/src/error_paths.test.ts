/**
 * Every failure a user can reach with a bad flag, path or file: one line on stderr starting `error: `, nothing
 * on stdout, no stack trace, exit code 2 for usage mistakes and 1 for the rest. (The missing training package
 * is checked where it can be missing: the pack-and-install test.)
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { bandModel, bandPng } from '@tflite-lambda/testing/cli';
import { runCliCaptured } from './cli_capture.js';
import { startServer, type RunningServer } from './commands/serve.js';

interface ErrorCase {
  readonly args: (dir: string, busyPort: number) => string[];
  readonly code: 1 | 2;
  readonly message: RegExp;
}

/** Files the cases point at, written once into a temp folder. */
function writeFixtures(dir: string): void {
  const files: Record<string, string | Uint8Array> = {
    'model.tflite': bandModel(),
    'not-a-model.tflite': 'hello',
    'bad.mjs': 'export const nothing = 1;',
    'throws.mjs': "throw new Error('model.tflite missing at init');",
    'broken.ts': 'export const handler = async (: number) => 1;',
    'imports-missing.ts': "import { x } from './nowhere.js';\nexport const handler = async () => x;",
    'malformed.json': '{"httpMethod": "POST", ',
    'sqs.json': JSON.stringify({ Records: [{ eventSource: 'aws:sqs', body: 'hi' }] }),
    'event.json': JSON.stringify({ body: Buffer.from(bandPng(1)).toString('base64'), path: '/', httpMethod: 'POST', isBase64Encoded: true }),
    'wrong-size.bin': new Uint8Array(3),
    'a-file': 'not a folder',
  };
  for (const [name, data] of Object.entries(files)) writeFileSync(join(dir, name), data);
}

const CASES: Record<string, ErrorCase> = {
  'unknown command': { args: () => ['nonsense'], code: 2, message: /^unknown command 'nonsense' \(one of inspect, run, / },
  'unknown option': { args: (d) => ['inspect', join(d, 'model.tflite'), '--bogus'], code: 2, message: /^unknown option --bogus \(see tflite-lambda inspect --help\)$/ },
  'option without its value': { args: () => ['serve', '--port'], code: 2, message: /^Option '--port <value>' argument missing/ },
  'value given to a boolean': { args: (d) => ['inspect', join(d, 'model.tflite'), '--json=yes'], code: 2, message: /'--json' does not take an argument/ },
  'port out of range': { args: () => ['serve', '--port', '99999'], code: 2, message: /^--port must be 0\.\.65535, got 99999/ },
  'port not a number': { args: () => ['serve', '--port', 'abc'], code: 2, message: /^--port must be an integer, got 'abc'/ },
  'port in use': {
    args: (d, busy) => ['serve', '--model', join(d, 'model.tflite'), '--port', String(busy)],
    code: 1,
    message: /^port \d+ on 127\.0\.0\.1 is already in use \(another server running\?\); choose another with --port$/,
  },
  'serve a missing model': { args: (d) => ['serve', '--model', join(d, 'nope.tflite')], code: 1, message: /^model file not found: .*nope\.tflite$/ },
  'serve a file that is not a model': { args: (d) => ['serve', '--model', join(d, 'not-a-model.tflite')], code: 1, message: /^cannot serve .*not-a-model\.tflite: / },
  'serve a missing labels file': {
    args: (d) => ['serve', '--model', join(d, 'model.tflite'), '--labels', join(d, 'nope.txt')],
    code: 1,
    message: /^labels file not found: .*nope\.txt$/,
  },
  'invert not auto/true/false': { args: (d) => ['serve', '--model', join(d, 'model.tflite'), '--invert', 'maybe'], code: 2, message: /^--invert must be auto, true or false/ },
  'model and handler together': { args: (d) => ['serve', '--model', 'm.tflite', '--handler', join(d, 'bad.mjs')], code: 2, message: /^give --model or --handler, not both/ },
  'a missing handler module': { args: (d) => ['serve', '--handler', join(d, 'nope.mjs')], code: 1, message: /^handler module not found: .*nope\.mjs$/ },
  'a handler module without handler': { args: (d) => ['serve', '--handler', join(d, 'bad.mjs')], code: 1, message: /bad\.mjs does not export a handler function$/ },
  'a handler module that throws at init': {
    args: (d) => ['invoke', '--event', join(d, 'event.json'), '--handler', join(d, 'throws.mjs')],
    code: 1,
    message: /^cannot load handler module .*throws\.mjs: model\.tflite missing at init$/,
  },
  'a TypeScript handler that does not compile': {
    args: (d) => ['invoke', '--event', join(d, 'event.json'), '--handler', join(d, 'broken.ts')],
    code: 1,
    message: /^cannot bundle .*broken\.ts: .*broken\.ts:1:\d+: /,
  },
  'invoke without an event': { args: () => ['invoke'], code: 2, message: /^--event <file\.json> or --sample <name> is required/ },
  'invoke with a missing event file': { args: (d) => ['invoke', '--event', join(d, 'nope.json')], code: 1, message: /^cannot read event file .*nope\.json: ENOENT/ },
  'invoke with malformed JSON': { args: (d) => ['invoke', '--event', join(d, 'malformed.json')], code: 1, message: /malformed\.json: not valid JSON \(/ },
  'invoke with a non-HTTP event': { args: (d) => ['invoke', '--event', join(d, 'sqs.json')], code: 1, message: /sqs\.json: not an API Gateway/ },
  'invoke an unknown sample': { args: () => ['invoke', '--sample', 'nope'], code: 2, message: /^--sample must be one of rest-v1, / },
  'invoke an event and a sample': { args: (d) => ['invoke', '--event', join(d, 'event.json'), '--sample', 'alb'], code: 2, message: /^give --event or --sample, not both/ },
  'bundle a missing entry': { args: (d) => ['bundle', '--entry', join(d, 'nope.ts'), '--out', d], code: 1, message: /^entry module not found: .*nope\.ts$/ },
  'bundle an entry with a syntax error': { args: (d) => ['bundle', '--entry', join(d, 'broken.ts'), '--out', d], code: 1, message: /^cannot bundle .*broken\.ts: .*broken\.ts:1:\d+: / },
  'bundle an entry with an unresolvable import': {
    args: (d) => ['bundle', '--entry', join(d, 'imports-missing.ts'), '--out', d],
    code: 1,
    message: /^cannot bundle .*imports-missing\.ts: .*imports-missing\.ts:1:\d+: Could not resolve "\.\/nowhere\.js"$/,
  },
  'bundle into a path below a file': {
    args: (d) => ['bundle', '--model', join(d, 'model.tflite'), '--out', join(d, 'a-file', 'out')],
    code: 1,
    message: /^cannot write .*a-file\/out\/function\.zip: /,
  },
  'bundle a missing model': { args: (d) => ['bundle', '--model', join(d, 'nope.tflite'), '--out', d], code: 1, message: /^model file not found: / },
  'bundle --labels with --entry': {
    args: (d) => ['bundle', '--entry', join(d, 'broken.ts'), '--labels', 'l.txt', '--out', d],
    code: 2,
    message: /^--labels and --invert configure the built-in handler/,
  },
  'run a missing model': { args: (d) => ['run', join(d, 'nope.tflite')], code: 1, message: /^cannot read model file '.*nope\.tflite': ENOENT/ },
  'run with a missing input file': {
    args: (d) => ['run', join(d, 'model.tflite'), '--input', join(d, 'nope.json')],
    code: 1,
    message: /^cannot read input file .*nope\.json: ENOENT/,
  },
  'run with malformed JSON input': {
    args: (d) => ['run', join(d, 'model.tflite'), '--input', join(d, 'malformed.json')],
    code: 1,
    message: /malformed\.json: not valid JSON \(/,
  },
  'run with a wrong-sized raw input': { args: (d) => ['run', join(d, 'model.tflite'), '--input', join(d, 'wrong-size.bin')], code: 1, message: /raw input file is 3 bytes/ },
  'run with two models': { args: (d) => ['run', join(d, 'model.tflite'), 'other.tflite'], code: 2, message: /^run needs exactly one model path/ },
  'inspect a missing file': { args: (d) => ['inspect', join(d, 'nope.tflite')], code: 1, message: /^cannot read '.*nope\.tflite': ENOENT/ },
  'inspect a file that is not a model': { args: (d) => ['inspect', join(d, 'not-a-model.tflite')], code: 1, message: /not-a-model\.tflite: model: file is 5 bytes/ },
  'run a file that is not a model': { args: (d) => ['run', join(d, 'not-a-model.tflite')], code: 1, message: /not-a-model\.tflite: model: file is 5 bytes/ },
};

describe('every user error is one line and a non-zero exit', () => {
  let dir: string;
  let busy: RunningServer;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tflite-lambda-errors-'));
    writeFixtures(dir);
    busy = await startServer({ model: join(dir, 'model.tflite'), port: 0, observer: { record: () => undefined } });
  });
  after(async () => {
    await busy.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const [name, c] of Object.entries(CASES)) {
    it(name, async () => {
      const r = await runCliCaptured(c.args(dir, Number(new URL(busy.url).port)));
      assert.equal(r.out, '');
      assert.doesNotMatch(r.err, /\n/, 'a single line');
      assert.match(r.err, /^error: /);
      assert.match(r.err.slice('error: '.length), c.message);
      assert.equal(r.code, c.code, r.err);
    });
  }
});
