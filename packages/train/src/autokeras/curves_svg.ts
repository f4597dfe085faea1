/** Training curves (loss and accuracy per epoch, training and validation, every trial) as a standalone SVG. */
import type { TrialRecord } from './trial_log.js';

const W = 420, H = 260, PAD = 40;
const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f'];

function polyline(values: number[], maxEpochs: number, lo: number, hi: number, x0: number, color: string, dashed: boolean): string {
  if (values.length === 0) return '';
  const sx = (i: number) => x0 + PAD + (maxEpochs <= 1 ? 0 : (i / (maxEpochs - 1)) * (W - 2 * PAD));
  const sy = (v: number) => H - PAD - ((v - lo) / (hi - lo || 1)) * (H - 2 * PAD);
  const pts = values.map((v, i) => `${sx(i).toFixed(1)},${sy(v).toFixed(1)}`).join(' ');
  return `<polyline fill="none" stroke="${color}" stroke-width="1.5"${dashed ? ' stroke-dasharray="4 3"' : ''} points="${pts}"/>`;
}

function panel(title: string, x0: number, series: { values: number[]; color: string; dashed: boolean }[], maxEpochs: number): string {
  const all = series.flatMap((s) => s.values).filter(Number.isFinite);
  const lo = all.length ? Math.min(...all) : 0;
  const hi = all.length ? Math.max(...all) : 1;
  const axes = `<rect x="${x0 + PAD}" y="${PAD}" width="${W - 2 * PAD}" height="${H - 2 * PAD}" fill="none" stroke="#999"/>`;
  const labels =
    `<text x="${x0 + W / 2}" y="${PAD - 12}" text-anchor="middle" font-size="13">${title}</text>` +
    `<text x="${x0 + PAD - 4}" y="${PAD + 4}" text-anchor="end" font-size="10">${hi.toFixed(3)}</text>` +
    `<text x="${x0 + PAD - 4}" y="${H - PAD}" text-anchor="end" font-size="10">${lo.toFixed(3)}</text>` +
    `<text x="${x0 + W / 2}" y="${H - 10}" text-anchor="middle" font-size="10">epoch (1..${maxEpochs})</text>`;
  return axes + labels + series.map((s) => polyline(s.values, maxEpochs, lo, hi, x0, s.color, s.dashed)).join('');
}

export function trainingCurvesSvg(trials: readonly TrialRecord[]): string {
  const maxEpochs = Math.max(1, ...trials.map((t) => t.epochs.length));
  const series = (pick: (e: TrialRecord['epochs'][number]) => number, val: (e: TrialRecord['epochs'][number]) => number) =>
    trials.flatMap((t, i) => [
      { values: t.epochs.map(pick), color: COLORS[i % COLORS.length], dashed: true },
      { values: t.epochs.map(val), color: COLORS[i % COLORS.length], dashed: false },
    ]);
  const legend = trials
    .map((t, i) => `<text x="${PAD + i * 90}" y="${H + 16}" font-size="11" fill="${COLORS[i % COLORS.length]}">trial ${t.trial + 1}</text>`)
    .join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${2 * W}" height="${H + 30}" font-family="sans-serif">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    panel('loss (dashed: train, solid: validation)', 0, series((e) => e.loss, (e) => e.valLoss), maxEpochs),
    panel('accuracy (dashed: train, solid: validation)', W, series((e) => e.accuracy, (e) => e.valAccuracy), maxEpochs),
    legend,
    '</svg>',
    '',
  ].join('\n');
}
