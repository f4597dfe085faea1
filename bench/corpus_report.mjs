// Markdown tables of a corpus-node<N>.json: per class (median and worst ratio ours / LiteRT.js), then per model.
const f = (x, d = 2) => (x === undefined || x === null || Number.isNaN(x) ? '–' : x.toFixed(d));

export function corpusMarkdown(r) {
  const lines = [];
  lines.push(`Corpus bench, ${r.machine.node}, ${r.machine.cpu} (${r.machine.cores} cores), ${r.date.slice(0, 10)}; ` +
    `${r.settings.budgetSecondsPerModel} s of alternating blocks per model. Ratio = warm median ours / LiteRT.js.`);
  lines.push('');
  lines.push('| class | models | median ratio | worst ratio | worst model |');
  lines.push('|---|---|---|---|---|');
  for (const [cls, s] of Object.entries(r.classes)) {
    lines.push(`| ${cls} | ${s.models} | ${f(s.median)} | ${f(s.worst)} | ${s.worstModel} |`);
  }
  lines.push('');
  lines.push('| model | class | ours (ms) | LiteRT.js (ms) | ratio | n | max \\|Δ\\| vs LiteRT.js |');
  lines.push('|---|---|---|---|---|---|---|');
  for (const m of r.models) {
    if (m.ratio === undefined) continue;
    const diff = (m.maxAbsDiffPerOutput ?? []).map((d) => (d === null ? '–' : d.toExponential(0))).join(', ');
    lines.push(`| ${m.name} | ${m.class} | ${f(m.ours.median, 3)} | ${f(m.litert.median, 3)} | ${f(m.ratio)} | ${m.ours.n} | ${diff} |`);
  }
  const skipped = r.models.filter((m) => m.ratio === undefined);
  if (skipped.length) {
    lines.push('');
    lines.push(`Not measured (${skipped.length}): ${skipped.map((m) => `${m.name} (${m.skipped})`).join('; ')}`);
  }
  return lines.join('\n');
}
