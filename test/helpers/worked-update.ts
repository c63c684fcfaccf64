/**
 * The worked update read back from the notes: for a network too large for
 * update lines, the table θ / before / gradient / after; otherwise each trained entry's line
 * `w^{2}_{11} &\leftarrow 0.4 - 0.5 \times 0.082167 = 0.358916` (the value
 * before, after the arrow; the value after, after the last =), the first
 * step's only (a second step's lines, later, are skipped). Keyed like a table's
 * first cell, `$w^{2}_{11}$`, in the order the notes list the entries.
 */
export function updateLines(document: string): Map<string, { before: number; after: number }> {
  const table = /& before & [^\n]* & after \\\\\n\\hline\n\\endhead\n([\s\S]*?)\n\\hline\n\\end\{longtable\}/.exec(document);
  if (table !== null) {
    const rows = table[1].split('\n').map((r) => r.replace(/ \\\\\*?$/, '').split(' & '));
    return new Map(rows.map((r) => [r[0], { before: number(r[1].replace(/\$/g, '')), after: number(r[3].replace(/\$/g, '')) }]));
  }
  const found = new Map<string, { before: number; after: number }>();
  const secondStep = document.indexOf('\\emph{Step 2.}');
  const firstStep = secondStep < 0 ? document : document.slice(0, secondStep);
  // a θ row: a weight or bias entry (w^{l}_{ij}, b^{l}_{i}, b^{l}), not a state row (v_{w^{…}})
  for (const m of firstStep.matchAll(/^([wb]\^\{\d+\}(?:_\{\d+\})?) &\\leftarrow (.*?)(?: \\\\)?$/gm)) {
    const before = leadingNumber(m[2]);
    const after = number(m[2].slice(m[2].lastIndexOf(' = ') + 3));
    const key = `$${m[1]}$`;
    const known = found.get(key);
    // AdamW: the decay's line then the step's from the decayed value — before is the first's, after the last's
    found.set(key, { before: known?.before ?? before, after });
  }
  return found;
}

/** `-0.5 - …` → −0.5; `\left(-0.5\right) - …` too. */
function leadingNumber(text: string): number {
  const m = /^(?:\\left\()?(-?[\d.]+(?: \\times 10\^\{-?\d+\})?)/.exec(text);
  return m ? number(m[1]) : NaN;
}

/** A number as the notes print it, `1.5 \times 10^{-7}` included. */
function number(text: string): number {
  const m = /^(-?[\d.]+)(?: \\times 10\^\{(-?\d+)\})?$/.exec(text.trim());
  return m ? Number(`${m[1]}e${m[2] ?? 0}`) : NaN;
}
