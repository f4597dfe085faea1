/** Per-epoch progress a person can follow: a bar with images seen, loss, accuracy and time left. */
export type ProgressSink = (line: string, final: boolean) => void;

/** Writes to stderr, redrawing in place on a terminal and printing every ~10 % otherwise. */
export function consoleSink(): ProgressSink {
  const tty = process.stderr.isTTY === true;
  let lastDecile = -1;
  return (line, final) => {
    if (tty) {
      process.stderr.write(`\r${line}\x1b[K${final ? '\n' : ''}`);
      return;
    }
    const m = /\((\d+)%\)/.exec(line);
    const decile = m ? Math.floor(Number(m[1]) / 10) : -1;
    if (final || decile !== lastDecile) {
      process.stderr.write(`${line}\n`);
      lastDecile = final ? -1 : decile;
    }
  };
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

export class EpochProgress {
  private readonly start = performance.now();
  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly sink: ProgressSink,
  ) {}

  update(done: number, loss: number, accuracy: number): void {
    this.sink(this.line(done, `loss ${loss.toFixed(4)} acc ${accuracy.toFixed(4)}`), false);
  }

  /** The epoch's last line; `done` is below the total when a time budget cut the epoch short. */
  finish(summary: string, done = this.total): void {
    this.sink(this.line(done, summary, true), true);
  }

  private line(done: number, metrics: string, final = false): string {
    const width = 24;
    const fill = Math.round((done / this.total) * width);
    const elapsed = (performance.now() - this.start) / 1000;
    const eta = done > 0 ? (elapsed * (this.total - done)) / done : Infinity;
    const pct = Math.floor((100 * done) / this.total);
    const bar = '='.repeat(Math.max(0, fill - 1)) + (fill > 0 ? (done < this.total ? '>' : '=') : '') + ' '.repeat(width - fill);
    const time = final ? formatDuration(elapsed) : `ETA ${formatDuration(eta)}`;
    return `${this.label} [${bar}] ${done}/${this.total} (${pct}%) ${metrics} ${time}`;
  }
}
