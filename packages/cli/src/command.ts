/** What every `tflite-lambda <command>` module exports. */
export interface CommandModule {
  /** One line for the help listing. */
  readonly summary: string;
  /** Full usage text printed by `tflite-lambda <command> --help`. */
  readonly usage: string;
  /** Runs the command with the arguments after its name; resolves to the process exit code. */
  main(args: string[]): Promise<number>;
}

/** Thrown for bad command-line usage: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A failure the user can act on (bad data, an unreadable file): printed as `error: <message>`, exit code 1. */
export class CommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandError';
  }
}
