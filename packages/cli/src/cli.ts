/** `tflite-lambda <command> [...]`: dispatches to one module per command under commands/, loaded lazily. */
import { TfliteError } from '@tflite-lambda/runtime';
import { CommandError, UsageError, type CommandModule } from './command.js';
import { cliVersion } from './package_files.js';

const COMMANDS: Record<string, () => Promise<CommandModule>> = {
  inspect: () => import('./commands/inspect.js'),
  run: () => import('./commands/run.js'),
  serve: () => import('./commands/serve.js'),
  invoke: () => import('./commands/invoke.js'),
  bundle: () => import('./commands/bundle.js'),
  train: () => import('./commands/train.js'),
  convert: () => import('./commands/convert.js'),
  predict: () => import('./commands/predict.js'),
  metadata: () => import('./commands/metadata.js'),
};

/** Commands that need the training package, which the CLI does not install (TensorFlow.js is ≈ 130 MB). */
const TRAIN_PACKAGE = '@tflite-lambda/train';

async function help(): Promise<string> {
  const lines = ['Usage: tflite-lambda <command> [options]', '', 'Commands:'];
  for (const [name, load] of Object.entries(COMMANDS)) {
    const summary = await load().then(
      (m) => m.summary,
      () => '(not available in this build)',
    );
    lines.push(`  ${name.padEnd(9)} ${summary}`);
  }
  lines.push('', 'Run `tflite-lambda <command> --help` for its options, `tflite-lambda --version` for the version.');
  return lines.join('\n');
}

/** Whether `err` is Node failing to find `pkg` itself (not something inside it). */
function isMissingPackage(err: unknown, pkg: string): boolean {
  return (err as { code?: unknown }).code === 'ERR_MODULE_NOT_FOUND' && String((err as Error).message).includes(`'${pkg}'`);
}

/** A file-system failure (ENOENT, EACCES, EISDIR, …): Node's message names the call and the path. */
function isSystemError(err: unknown): err is Error {
  return err instanceof Error && typeof (err as { syscall?: unknown }).syscall === 'string';
}

/** The one line a user-facing failure prints, or null for a bug (whose stack trace should show). */
function errorLine(err: unknown, command: string): string | null {
  if (err instanceof UsageError) return `${err.message} (see tflite-lambda ${command} --help)`;
  if (err instanceof CommandError || err instanceof TfliteError || isSystemError(err)) return err.message;
  if (isMissingPackage(err, TRAIN_PACKAGE)) {
    return `'tflite-lambda ${command}' needs the training package, which is installed apart: npm i ${TRAIN_PACKAGE}`;
  }
  return null;
}

export async function runCli(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v') {
    console.log(cliVersion());
    return 0;
  }
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(await help());
    return name ? 0 : 1;
  }
  const load = COMMANDS[name];
  if (!load) {
    console.error(`error: unknown command '${name}' (one of ${Object.keys(COMMANDS).join(', ')}; see tflite-lambda --help)`);
    return 2;
  }
  const mod = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(mod.usage);
    return 0;
  }
  try {
    return await mod.main(rest);
  } catch (err) {
    const line = errorLine(err, name);
    if (line === null) throw err;
    console.error(`error: ${line.replace(/\s*\n\s*/g, ' ')}`);
    return err instanceof UsageError ? 2 : 1;
  }
}
