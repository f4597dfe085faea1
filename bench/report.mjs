// The markdown tables of a results.json: one row per model × engine, then the ratios ours / peer.
const f = (x, d = 2) => (x === undefined || Number.isNaN(x) ? '–' : x.toFixed(d));
const mb = (bytes) => (bytes / 2 ** 20).toFixed(bytes < 2 ** 20 ? 3 : 1);

export function markdownTable(r) {
  const lines = [];
  lines.push(`Machine: ${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.memoryGB} GB, Node ${r.machine.node}; bare \`node -e 0\`: ${f(r.bareNodeMs, 1)} ms.`);
  lines.push(`Cold: median of ${r.settings.cold} fresh processes. Warm: one process, up to ${r.settings.iters} invocations or ${r.settings.budget} s.`);
  lines.push('');
  lines.push('| model | engine | cold to prediction (ms) | beyond bare node | import | load+compile | 1st inference | warm p50 (ms) | p99 | inferences/s | n | GFLOP/s | peak RSS (MB) |');
  lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const [name, m] of Object.entries(r.models)) {
    for (const [engine, e] of Object.entries(m.engines)) {
      if (e.error) { lines.push(`| ${name} | ${engine} | error: ${e.error.split('\n')[0].slice(0, 80)} |`); continue; }
      const gflops = (2 * m.macs) / (e.warm.p50 / 1000) / 1e9;
      lines.push(`| ${name} | ${engine} | ${f(e.cold.toPrediction, 1)} | ${f(e.cold.beyondBareNode, 1)} | ${f(e.cold.import, 1)} | ${f(e.cold.load, 1)} | ${f(e.cold.first, 1)} | ${f(e.warm.p50, 3)} | ${f(e.warm.p99, 3)} | ${f(e.warm.throughput, 1)} | ${e.warm.iterations} | ${f(gflops, 1)} | ${f(e.peakRssMB, 0)} |`);
    }
  }
  lines.push('');
  lines.push('| shipped (minified JS + wasm, no model) | JS (MB) | wasm (MB) | total (MB) | ours / this |');
  lines.push('|---|---|---|---|---|');
  for (const [engine, s] of Object.entries(r.sizes)) {
    lines.push(`| ${engine} | ${mb(s.js)} | ${mb(s.wasm)} | ${mb(s.total)} | ${f(r.sizes.ours.total / s.total, 4)} |`);
  }
  lines.push('');
  lines.push('| model | ratio ours / peer | cold beyond bare node | warm p50 | warm p99 | throughput | peak RSS | max \\|Δ output\\| |');
  lines.push('|---|---|---|---|---|---|---|---|');
  for (const [name, m] of Object.entries(r.models)) {
    for (const [peer, q] of Object.entries(m.ratios ?? {})) {
      lines.push(`| ${name} | ${peer} | ${f(q.coldBeyondBareNode)} | ${f(q.warmP50)} | ${f(q.warmP99)} | ${f(q.throughput)} | ${f(q.peakRss)} | ${m.engines[peer].maxAbsDiffVsOurs?.toExponential(1) ?? '–'} |`);
    }
  }
  return lines.join('\n');
}
