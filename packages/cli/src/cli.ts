/** `tflite-lambda <command> [...]`: dispatches to one module per command under commands/, loaded lazily. */
import { TfliteError } from '@tflite-lambda/runtime';
import { CommandError, UsageError, type CommandModule } from './command.js';

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

async function help(): Promise<string> {
  const lines = ['Usage: tflite-lambda <command> [options]', '', 'Commands:'];
  for (const [name, load] of Object.entries(COMMANDS)) {
    const summary = await load().then(
      (m) => m.summary,
      () => '(not available in this build)',
    );
    lines.push(`  ${name.padEnd(9)} ${summary}`);
  }
  lines.push('', 'Run `tflite-lambda <command> --help` for its options.');
  return lines.join('\n');
}

export async function runCli(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(await help());
    return name ? 0 : 1;
  }
  const load = COMMANDS[name];
  if (!load) {
    console.error(`unknown command '${name}'\n\n${await help()}`);
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
    if (err instanceof UsageError) {
      console.error(`error: ${err.message}\n\n${mod.usage}`);
      return 2;
    }
    if (err instanceof TfliteError || err instanceof CommandError) {
      console.error(`error: ${err.message}`);
      return 1;
    }
    throw err;
  }
}

