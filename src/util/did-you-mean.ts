/** Suggestions for a misspelled name (an option, a Math function, a parameter): what the user most likely meant. */

export function normalize(word: string): string {
  return word.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Optimal string alignment distance (edits, with adjacent transpositions: 'tahn' → 'tanh' is 1). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The candidate a misspelling most likely meant: same letters up to case and _/-, or a near miss. */
export function didYouMean(word: string, candidates: readonly string[], aliases: Readonly<Record<string, string>> = {}): string | undefined {
  const n = normalize(word);
  const alias = aliases[n];
  if (alias !== undefined) return alias;
  const same = candidates.find((c) => normalize(c) === n);
  if (same !== undefined) return same;
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(n.length / 3));
  for (const c of candidates) {
    const distance = editDistance(n, normalize(c));
    if (distance <= bestDistance && (best === undefined || distance < bestDistance)) {
      best = c;
      bestDistance = distance;
    }
  }
  return best;
}
