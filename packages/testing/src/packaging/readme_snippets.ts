/** Test support: the JavaScript snippets of a README, to run them as a user would paste them. */

/** Every ```js / ```javascript fenced block, in order. */
export function jsSnippets(markdown: string): string[] {
  const out: string[] = [];
  const fence = /^```(?:js|javascript|mjs)\s*\n([\s\S]*?)^```\s*$/gm;
  for (let m = fence.exec(markdown); m !== null; m = fence.exec(markdown)) out.push(m[1]);
  return out;
}
