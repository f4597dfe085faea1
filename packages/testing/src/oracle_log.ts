/**
 * What both reference engines (LiteRT.js, tfjs-tflite) need around every call: their printed log captured —
 * console included, since they print INFO lines and browser warnings that would drown test output — with one
 * call at a time, and their `ERROR:` lines turned into the reason a call failed.
 */

const ERROR_LINE = /(^|\s)ERROR:/;
const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const;

/** `message` followed by the log's ERROR lines it does not already contain (they often explain more). */
export function explainWithLog(message: string, log: readonly string[]): string {
  const errors = log.filter((l) => ERROR_LINE.test(l)).map((l) => l.trim());
  return [message, ...errors.filter((e) => !message.includes(e))].join(' | ');
}

/** The first ERROR line of the log, if any. */
export function firstErrorLine(log: readonly string[]): string | undefined {
  return log.find((l) => ERROR_LINE.test(l))?.trim();
}

export class CapturedLog {
  lines: string[] = [];
  private busy = false;

  constructor(private readonly owner: string) {}

  /** Receives the engine's printed lines (its stdout and stderr). */
  readonly sink = (line: string): void => void this.lines.push(line);

  /** Runs `fn` with a fresh log and the console captured into it; calls are serialized. */
  async quietly<T>(fn: () => Promise<T>): Promise<T> {
    if (this.busy) throw new Error(`${this.owner} calls must be awaited one at a time`);
    this.busy = true;
    this.lines = [];
    const saved = CONSOLE_METHODS.map((m) => console[m]);
    const capture = (...args: unknown[]): void => void this.lines.push(args.map(String).join(' '));
    for (const m of CONSOLE_METHODS) console[m] = capture;
    try {
      return await fn();
    } finally {
      CONSOLE_METHODS.forEach((m, i) => { (console[m] = saved[i]); });
      this.busy = false;
    }
  }
}
