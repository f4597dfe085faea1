/**
 * The packages as a user gets them: `npm pack` of every published workspace, installed from the tarballs into
 * an empty folder outside the monorepo (offline, from the npm cache `npm ci` filled), then the READMEs'
 * snippets, the CLI's serve/invoke/bundle on a model there, and a TypeScript consumer of the published types.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { unzip } from '../cli/unzip.js';
import { repoRoot } from '../paths.js';
import { folderBytes, runBin, runNode, startServe } from './installed_app.js';
import { packWorkspaces, PUBLISHED, type PackedPackage, type PublishedName } from './npm_pack.js';
import { installOffline, writeOfflineProject } from './offline_install.js';
import { jsSnippets } from './readme_snippets.js';

/** What the CLI may weigh installed without the training package (README: ≈ 16 MB). */
const CLI_INSTALL_LIMIT_BYTES = 40 * 1024 * 1024;

/** What a tarball may hold: built product code (bundles, maps, declarations), the bin, the demo, docs. */
const ALLOWED_FILES = /^(package\.json|README\.md|LICENSE|dist\/bundle\/[\w-]+\.js(\.map)?|dist\/.+\.d\.ts|bin\/[\w-]+\.js|demo\/.+)$/;
const TEST_FILES = /\.test\.|(^|\/)(testing|fixtures|__tests__)\/|\.tsbuildinfo$|^src\//;

/** Per README: what its snippets print when run beside model.tflite (the MNIST demo model) and digit.png (a 7). */
const SNIPPET_OUTPUT: Record<PublishedName, RegExp | null> = {
  runtime: /Float32Array\(10\)[\s\S]*Float32Array\(4\) \[ 0, 2, 0, 4 \]/,
  vision: /png 112 112\s+28 28 1/,
  serving: /index: 7,\s+score: 0\.9\d*[\s\S]*200 \{"value":7,"score":0\.9/,
  train: /\{ loss: [\d.]+, accuracy: [\d.]+ \}/,
  cli: null,
};

const root = mkdtempSync(join(tmpdir(), 'tflite-lambda-pack-'));
after(() => rmSync(root, { recursive: true, force: true }));

/** A folder with `names` installed from their tarballs, plus model.tflite, digit.png and event.json. */
function installApp(folder: string, packed: readonly PackedPackage[], names: readonly PublishedName[]): string {
  const app = join(root, folder);
  mkdirSync(app);
  writeOfflineProject(app, packed.filter((p) => names.some((n) => p.name === `@tflite-lambda/${n}`)));
  installOffline(app);
  copyFileSync(join(repoRoot(), 'examples', 'mnist', 'model.tflite'), join(app, 'model.tflite'));
  const png = readFileSync(join(repoRoot(), 'examples', 'mnist', 'test_images', '7.png'));
  writeFileSync(join(app, 'digit.png'), png);
  const event = { httpMethod: 'POST', path: '/', isBase64Encoded: true, headers: { 'Content-Type': 'image/png' }, body: png.toString('base64') };
  writeFileSync(join(app, 'event.json'), JSON.stringify(event));
  return app;
}

function runSnippets(app: string, name: PublishedName): void {
  const snippets = jsSnippets(readFileSync(join(repoRoot(), 'packages', name, 'README.md'), 'utf8'));
  assert.ok(snippets.length > 0, `${name}/README.md has a js snippet`);
  const outputs = snippets.map((code, i) => {
    const file = join(app, `${name}-snippet-${i}.mjs`);
    writeFileSync(file, code);
    const r = runNode(app, [file], 300_000);
    assert.equal(r.status, 0, `${name} README snippet ${i}:\n${code}\n${r.stderr}`);
    return r.stdout;
  });
  const expected = SNIPPET_OUTPUT[name];
  if (expected) assert.match(outputs.join('\n'), expected);
}

/** The Lambda response `invoke` printed, and the class it answered. */
function invokeAnswer(stdout: string): { statusCode: number; value: number } {
  const reply = JSON.parse(stdout) as { statusCode: number; body: string };
  return { statusCode: reply.statusCode, value: (JSON.parse(reply.body) as { value: number }).value };
}

let packed: PackedPackage[];
before(() => {
  mkdirSync(join(root, 'tgz'));
  packed = packWorkspaces(join(root, 'tgz'));
});

describe('tarballs', () => {
  it('hold built product code, README and LICENSE only: no tests, no test support', () => {
    const license = readFileSync(join(repoRoot(), 'LICENSE'), 'utf8');
    assert.deepEqual(packed.map((p) => p.name).sort(), PUBLISHED.map((n) => `@tflite-lambda/${n}`).sort());
    for (const p of packed) {
      assert.deepEqual(p.files.filter((f) => !ALLOWED_FILES.test(f) || TEST_FILES.test(f)), [], p.name);
      const entry = p.name === '@tflite-lambda/cli' ? 'dist/bundle/main.js' : 'dist/bundle/index.js';
      for (const f of ['package.json', 'README.md', 'LICENSE', entry]) assert.ok(p.files.includes(f), `${p.name} holds ${f}`);
      assert.equal(execFileSync('tar', ['-xzOf', p.tarball, 'package/LICENSE'], { encoding: 'utf8' }), license, `${p.name} LICENSE is the Apache-2.0 text`);
    }
  });
});

describe('installed without the training package (runtime, vision, serving, cli)', () => {
  let app: string;
  before(() => {
    app = installApp('app', packed, ['runtime', 'vision', 'serving', 'cli']);
  });

  it(`weighs at most ${CLI_INSTALL_LIMIT_BYTES / 1024 / 1024} MB`, (t) => {
    const bytes = folderBytes(join(app, 'node_modules'));
    t.diagnostic(`node_modules: ${(bytes / 1024 / 1024).toFixed(1)} MB`);
    assert.ok(bytes <= CLI_INSTALL_LIMIT_BYTES, `${bytes} bytes`);
  });

  it('imports every entry from its bundle, with one instance of what two entries share', () => {
    const specifiers = ['@tflite-lambda/runtime', '@tflite-lambda/runtime/internal', '@tflite-lambda/runtime/builder', '@tflite-lambda/vision', '@tflite-lambda/serving'];
    const code = [
      `for (const s of ${JSON.stringify(specifiers)}) { await import(s); console.log(import.meta.resolve(s)); }`,
      "const [index, internal] = await Promise.all([import('@tflite-lambda/runtime'), import('@tflite-lambda/runtime/internal')]);",
      'const shared = Object.keys(index).filter((k) => k in internal);',
      "console.log(shared.length > 0 && shared.every((k) => index[k] === internal[k]) ? 'one instance' : 'duplicated: ' + shared);",
    ].join('\n');
    const r = runNode(app, ['--input-type=module', '-e', code]);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines.pop(), 'one instance');
    assert.equal(lines.length, specifiers.length);
    for (const url of lines) assert.match(url, /\/node_modules\/@tflite-lambda\/\w+\/dist\/bundle\/\w+\.js$/);
  });

  for (const name of ['runtime', 'vision', 'serving'] as const) {
    it(`runs the ${name} README's snippets`, () => runSnippets(app, name));
  }

  it('type-checks a NodeNext TypeScript consumer against the published declarations', () => {
    const source = [
      "import { Interpreter, TfliteError, type TensorDetails } from '@tflite-lambda/runtime';",
      "import { ModelBuilder } from '@tflite-lambda/runtime/builder';",
      "import { decodeImage, type DecodedImage } from '@tflite-lambda/vision';",
      "import { ImageClassifier, createHandler, type LambdaHttpEvent, type LambdaHttpHandler } from '@tflite-lambda/serving';",
      "const it: Interpreter = await Interpreter.load('model.tflite');",
      'const inputs: TensorDetails[] = it.getInputDetails();',
      'const bytes: Uint8Array = new ModelBuilder().build();',
      "const image: DecodedImage = decodeImage(new Uint8Array(0));",
      "const clf: ImageClassifier = await ImageClassifier.load('model.tflite');",
      "const handler: LambdaHttpHandler = await createHandler({ model: 'model.tflite' });",
      "const event: LambdaHttpEvent = { httpMethod: 'GET', path: '/' } as LambdaHttpEvent;",
      'export { inputs, bytes, image, clf, handler, event, TfliteError };',
    ].join('\n');
    writeFileSync(join(app, 'consumer.ts'), source);
    // lib: TypeScript's default for the target (ES2022 + DOM), as the repository builds with: the runtime's
    // declarations name WebAssembly.* types, which lib.dom declares (@types/node 20 does not).
    const tsconfig = {
      compilerOptions: {
        module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, noEmit: true, skipLibCheck: false,
        types: ['node'], typeRoots: [join(repoRoot(), 'node_modules', '@types')],
      },
      files: ['consumer.ts'],
    };
    writeFileSync(join(app, 'tsconfig.json'), JSON.stringify(tsconfig));
    const r = runNode(app, [join(repoRoot(), 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json']);
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });

  it('prints its version, inspects and invokes a model, and runs the demo on a shipped sample event', () => {
    const version = runBin(app, ['--version']);
    assert.deepEqual([version.status, version.stdout.trim()], [0, packed.find((p) => p.name === '@tflite-lambda/cli')?.version]);
    const inspect = runBin(app, ['inspect', 'model.tflite', '--json']);
    assert.equal(inspect.status, 0, inspect.stderr);
    assert.deepEqual((JSON.parse(inspect.stdout) as { outputs: { shape: number[] }[] }).outputs[0].shape, [1, 10]);
    const invoke = runBin(app, ['invoke', '--model', 'model.tflite', '--event', 'event.json']);
    assert.equal(invoke.status, 0, invoke.stderr);
    assert.deepEqual(invokeAnswer(invoke.stdout), { statusCode: 200, value: 7 });
    const demo = runBin(app, ['invoke', '--sample', 'function-url']);
    assert.equal(demo.status, 0, demo.stderr);
    assert.deepEqual(invokeAnswer(demo.stdout), { statusCode: 200, value: 1 });
  });

  it('serves a model over HTTP, and says in one line when the port is taken', async () => {
    const server = await startServe(app, ['--model', 'model.tflite', '--port', '0', '--quiet']);
    try {
      const reply = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'image/png' }, body: readFileSync(join(app, 'digit.png')) });
      assert.equal(reply.status, 200);
      assert.equal(((await reply.json()) as { value: number }).value, 7);
      const taken = runBin(app, ['serve', '--model', 'model.tflite', '--port', new URL(server.url).port]);
      assert.equal(taken.status, 1);
      assert.match(taken.stderr, /^error: port \d+ on 127\.0\.0\.1 is already in use [^\n]*\n$/);
    } finally {
      assert.equal(await server.stop(), 0);
    }
  });

  it('bundles a model with the built-in handler into a zip that answers without node_modules', () => {
    const r = runBin(app, ['bundle', '--model', 'model.tflite', '--out', 'build']);
    assert.equal(r.status, 0, r.stderr);
    const lambda = join(root, 'lambda');
    mkdirSync(lambda);
    const entries = unzip(readFileSync(join(app, 'build', 'function.zip')));
    assert.deepEqual(entries.map((e) => e.name), ['index.mjs', 'model.tflite']);
    for (const e of entries) writeFileSync(join(lambda, e.name), e.data);
    copyFileSync(join(app, 'event.json'), join(lambda, 'event.json'));
    const script = "const { handler } = await import('./index.mjs'); const { readFileSync } = await import('node:fs');\n" +
      "process.stderr.write(JSON.stringify(await handler(JSON.parse(readFileSync('event.json', 'utf8')), {})));";
    const run = runNode(lambda, ['--input-type=module', '-e', script]);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(invokeAnswer(run.stderr), { statusCode: 200, value: 7 });
  });

  it('says in one line how to install the training package for train and convert', () => {
    for (const command of [['train', '--epochs', '1'], ['convert', 'model.json']]) {
      const r = runBin(app, command);
      assert.equal(r.status, 1);
      assert.equal(r.stderr, `error: 'tflite-lambda ${command[0]}' needs the training package, which is installed apart: npm i @tflite-lambda/train\n`);
    }
  });
});

describe('installed with the training package', () => {
  it("runs the train README's snippet, and the CLI runs the model it wrote", () => {
    const app = installApp('app-train', packed, PUBLISHED);
    runSnippets(app, 'train');
    const r = runBin(app, ['run', 'mnist.tflite', '--json']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { outputs: { values: number[] }[] }).outputs[0].values.length, 10);
  });
});
