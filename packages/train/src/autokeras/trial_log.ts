/** What is recorded per trial (written to `<directory>/trials.json`) and the summary table printed at the end. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Hyperparameters } from './hyperparameters.js';

export interface EpochRecord {
  readonly epoch: number;
  readonly loss: number;
  readonly accuracy: number;
  readonly valLoss: number;
  readonly valAccuracy: number;
  readonly seconds: number;
  /** The learning rate this epoch trained with. */
  readonly learningRate: number;
}

export interface TrialRecord {
  readonly trial: number;
  readonly hyperparameters: Hyperparameters;
  readonly epochs: EpochRecord[];
  bestEpoch: number;
  bestValAccuracy: number;
  bestValLoss: number;
  seconds: number;
  status: 'running' | 'completed' | 'stopped_early' | 'time_budget';
}

export function writeTrialLog(directory: string, trials: readonly TrialRecord[], bestTrial: number): string {
  mkdirSync(directory, { recursive: true });
  const path = join(directory, 'trials.json');
  writeFileSync(path, `${JSON.stringify({ objective: 'val_accuracy', bestTrial, trials }, null, 2)}\n`);
  return path;
}

function describe(hp: Hyperparameters): string {
  const conv = hp.separable ? 'sep' : 'conv';
  return `${hp.blocks}x${hp.convsPerBlock} ${conv}${hp.kernelSize} [${hp.filters.join(',')}] ${hp.reduction} drop ${hp.blockDropout}/${hp.headDropout} lr ${hp.learningRate}${hp.augment ? ' aug' : ''}`;
}

/** A fixed-width table of trials, best marked with '*'. */
export function formatTrialTable(trials: readonly TrialRecord[], bestTrial: number): string {
  const rows = [['', 'trial', 'val_accuracy', 'val_loss', 'epochs', 'time', 'status', 'hyperparameters']];
  for (const t of trials) {
    rows.push([
      t.trial === bestTrial ? '*' : '',
      String(t.trial + 1),
      t.bestValAccuracy.toFixed(4),
      t.bestValLoss.toFixed(4),
      `${t.bestEpoch + 1}/${t.epochs.length}`,
      `${Math.round(t.seconds)}s`,
      t.status,
      describe(t.hyperparameters),
    ]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd()).join('\n');
}
